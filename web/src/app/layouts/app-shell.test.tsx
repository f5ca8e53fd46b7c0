import { screen, within } from "@testing-library/react";
import { CalendarDays, FileText, LayoutDashboard } from "lucide-react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "@/test/render";

import { AppShell, type NavItem } from "./app-shell";

const NAV: NavItem[] = [
  { label: "Dashboard", href: "/dashboard", icon: LayoutDashboard },
  { label: "Appointments", href: "/appointments", icon: CalendarDays },
  { label: "Records", href: "/records", icon: FileText },
];

describe("AppShell", () => {
  it("has a skip link, landmarks and marks the current page", () => {
    renderWithProviders(
      <AppShell navItems={NAV}>
        <h1>Appointments</h1>
      </AppShell>,
      { path: "/appointments/12" },
    );

    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main-content");
    expect(screen.getByRole("banner")).toHaveTextContent("Clinic360");
    expect(screen.getByRole("main")).toHaveAttribute("id", "main-content");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Appointments" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current");
  });

  it("opens the navigation from the menu button and closes it after choosing a page", async () => {
    const { user, location } = renderWithProviders(
      <AppShell navItems={NAV}>
        <h1>Dashboard</h1>
      </AppShell>,
      { path: "/dashboard" },
    );

    await user.click(screen.getByRole("button", { name: "Open menu" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("link", { name: "Records" }));

    expect(location.history.at(-1)).toBe("/records");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows a count beside an item, named for screen readers", () => {
    renderWithProviders(
      <AppShell navItems={[...NAV, { label: "Messages", href: "/messages", icon: FileText, count: 3, countLabel: "unread" }]}>
        <h1>Dashboard</h1>
      </AppShell>,
      { path: "/dashboard" },
    );
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Messages 3 unread" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Records" })).toBeInTheDocument();
  });
});
