import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { makeUser } from "@/features/accounts/test-helpers";
import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type User } from "@/features/accounts";

import { AppRouter } from "./router";

function signedInAs(user: User | null) {
  return mockFetch((url) => {
    if (url === "/api/user") {
      return user === null ? problemResponse(401, { title: "Unauthorized", code: "unauthenticated" }) : jsonResponse(user);
    }
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url.startsWith("/api/appointments")) return jsonResponse([]);
    if (url.startsWith("/api/admin/doctors")) return jsonResponse([]);
    if (url === "/api/logout") return new Response(null, { status: 204 });
    if (url === "/api/user/password") return problemResponse(401, { title: "Unauthorized", code: "unauthenticated" });
    return problemResponse(404, { title: "Not Found" });
  });
}

describe("route guards", { timeout: 20_000 }, () => {
  it("sends a visitor to log in, remembering the page", async () => {
    signedInAs(null);
    const { location } = renderWithProviders(<AppRouter />, { path: "/profile" });

    expect(await screen.findByRole("heading", { level: 1, name: "Log in" })).toBeInTheDocument();
    expect(location.history.at(-1)).toBe("/login?next=%2Fprofile");
  });

  it("lets a guest find a doctor in the guest shell, with log in and create account coming back", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return problemResponse(401, { title: "Unauthorized", code: "unauthenticated" });
      if (url.startsWith("/api/doctors")) return jsonResponse([], { headers: { "X-Total-Count": "0" } });
      return problemResponse(404, { title: "Not Found" });
    });
    const { location } = renderWithProviders(<AppRouter />, { path: "/doctors" });

    expect(await screen.findByRole("heading", { level: 1, name: "Find a doctor" })).toBeInTheDocument();
    expect(location.history.at(-1)).toBe("/doctors");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual(["Home", "Find a doctor"]);
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login?next=%2Fdoctors");
    expect(screen.getByRole("link", { name: "Create account" })).toHaveAttribute("href", "/register?next=%2Fdoctors");
  });

  it("still sends a guest to log in from pages with personal data", async () => {
    signedInAs(null);
    const { location } = renderWithProviders(<AppRouter />, { path: "/appointments" });

    expect(await screen.findByRole("heading", { level: 1, name: "Log in" })).toBeInTheDocument();
    expect(location.history.at(-1)).toBe("/login?next=%2Fappointments");
  });

  it.each([
    ["patient", "/admin", "/patient"],
    ["doctor", "/records", "/doctor"],
    ["admin", "/schedule", "/admin"],
  ] as const)("sends a %s who opens %s to their own dashboard", async (role, path, home) => {
    signedInAs(makeUser({ role }));
    const { location } = renderWithProviders(<AppRouter />, { path });

    await expect.poll(() => location.history.at(-1)).toBe(home);
  });

  it("sends a signed-in user away from the login page", async () => {
    signedInAs(makeUser({ role: "doctor", specialization: "Cardiology" }));
    const { location } = renderWithProviders(<AppRouter />, { path: "/login" });

    await expect.poll(() => location.history.at(-1)).toBe("/doctor");
  });

  it("shows the role's sidebar, the user's name and the page", async () => {
    signedInAs(makeUser({ role: "doctor", fullName: "Bob Jones", specialization: "Cardiology" }));
    renderWithProviders(<AppRouter />, { path: "/doctor" });

    expect(await screen.findByRole("heading", { level: 1, name: /Bob$/ })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual([
      "Dashboard",
      "Schedule",
      "Appointments",
      "Patients",
      "Messages",
      "Profile",
    ]);
    expect(screen.getByRole("banner")).toHaveTextContent("Bob Jones");
    expect(screen.getByRole("banner")).toHaveTextContent("Doctor");
    expect(await screen.findByText("Nothing booked today")).toBeInTheDocument();
  });

  it("tells a doctor who is not approved yet", async () => {
    signedInAs(makeUser({ role: "doctor", approved: false, specialization: "Cardiology" }));
    renderWithProviders(<AppRouter />, { path: "/profile" });

    expect(await screen.findByText("Your account is waiting for approval")).toBeInTheDocument();
  });

  it("shows no approval banner to an approved doctor", async () => {
    signedInAs(makeUser({ role: "doctor", approved: true, specialization: "Cardiology" }));
    renderWithProviders(<AppRouter />, { path: "/profile" });

    expect(await screen.findByRole("heading", { level: 1, name: "Profile" })).toBeInTheDocument();
    expect(screen.queryByText("Your account is waiting for approval")).not.toBeInTheDocument();
  });

  it("shows a 404 inside the shell for an unknown page of a signed-in user", async () => {
    signedInAs(makeUser());
    renderWithProviders(<AppRouter />, { path: "/nowhere" });

    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /back to dashboard/i })).toHaveAttribute("href", "/patient");
  });

  it("logs out, forgetting the user's data", async () => {
    signedInAs(makeUser());
    const { user, location, queryClient } = renderWithProviders(<AppRouter />, { path: "/patient" });

    await user.click(await screen.findByRole("button", { name: "Log out" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Log in" })).toBeInTheDocument();
    expect(location.history.at(-1)).toBe("/login");
    expect(queryClient.getQueryCache().getAll().every((query) => query.state.data == null)).toBe(true);
  });

  it("returns to log in with a message when the session ends", async () => {
    signedInAs(makeUser());
    const { user, location } = renderWithProviders(<AppRouter />, { path: "/profile/password" });

    await user.type(await screen.findByLabelText(/^Current password/), "Lantern-Quiet-47");
    await user.type(screen.getByLabelText(/^New password/), "Harbour-Sextant-93");
    await user.type(screen.getByLabelText(/^Repeat the new password/), "Harbour-Sextant-93");
    await user.click(screen.getByRole("button", { name: "Change password" }));

    expect(await screen.findByText("Your session has ended")).toBeInTheDocument();
    expect(location.history.at(-1)).toBe("/login?expired=1");
    expect(screen.queryByText("Alice Smith")).not.toBeInTheDocument();
  });

  it("keeps a doctor who must set up two-factor authentication on the enrolment page", async () => {
    signedInAs(makeUser({ role: "doctor", specialization: "Cardiology", mfaRequired: true }));
    const { location } = renderWithProviders(<AppRouter />, { path: "/schedule" });

    expect(await screen.findByRole("heading", { level: 1, name: "Two-factor authentication" })).toBeInTheDocument();
    expect(location.history.at(-1)).toBe("/profile/two-factor");
    expect(screen.getByText("Set up two-factor authentication to continue")).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual(["Two-factor authentication"]);
  });

  it("goes to the enrolment page when any request answers 403 mfa_enrolment_required", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(makeUser({ role: "doctor", specialization: "Cardiology" }));
      if (url.startsWith("/api/appointments")) {
        return problemResponse(403, { title: "Forbidden", code: "mfa_enrolment_required" });
      }
      return problemResponse(404, { title: "Not Found" });
    });
    const { location } = renderWithProviders(<AppRouter />, { path: "/doctor" });

    await expect.poll(() => location.history.at(-1)).toBe("/profile/two-factor");
    expect(await screen.findByText("Set up two-factor authentication to continue")).toBeInTheDocument();
  });
});
