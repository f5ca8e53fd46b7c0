import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { CalendarSubscription } from "./calendar-subscription";

const FIRST = "https://clinic.example.org/api/calendar/first-secret.ics";
const SECOND = "https://clinic.example.org/api/calendar/second-secret.ics";

function serve(initial: { active: boolean; createdAt: string | null }) {
  const calls: string[] = [];
  const links = [FIRST, SECOND];
  let status = initial;
  mockFetch((url, init) => {
    const method = init.method ?? "GET";
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url !== "/api/calendar-feed") return jsonResponse({}, { status: 404 });
    if (method !== "GET") calls.push(method);
    if (method === "POST") {
      status = { active: true, createdAt: "2026-12-01T08:00:00Z" };
      return jsonResponse({ url: links.shift(), createdAt: status.createdAt }, { status: 201 });
    }
    if (method === "DELETE") {
      status = { active: false, createdAt: null };
      return new Response(null, { status: 204 });
    }
    return jsonResponse(status);
  });
  return calls;
}

describe("CalendarSubscription", { timeout: 20_000 }, () => {
  it("creates a secret link, copies it, and resets it only after confirmation", async () => {
    const calls = serve({ active: false, createdAt: null });
    const { user } = renderWithProviders(<CalendarSubscription zone="Europe/Berlin" />);

    await user.click(await screen.findByRole("button", { name: "Create subscription link" }));
    const field = await screen.findByRole("textbox", { name: "Your subscription link" });
    expect(field).toHaveValue(FIRST);
    expect(field).toHaveAccessibleDescription(/Keep this link secret/);
    expect(calls).toEqual(["POST"]);

    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await navigator.clipboard.readText()).toBe(FIRST);
    expect(await screen.findByText("Link copied")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Reset link" }));
    const dialog = screen.getByRole("alertdialog", { name: "Reset the subscription link?" });
    await user.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(calls).toEqual(["POST"]);
    expect(screen.getByRole("textbox", { name: "Your subscription link" })).toHaveValue(FIRST);

    await user.click(screen.getByRole("button", { name: "Reset link" }));
    await user.click(
      within(screen.getByRole("alertdialog", { name: "Reset the subscription link?" })).getByRole("button", {
        name: "Reset link",
      }),
    );
    expect(await screen.findByDisplayValue(SECOND)).toBeInTheDocument();
    expect(calls).toEqual(["POST", "POST"]);
  });

  it("never shows an existing link again, and turns it off after confirmation", async () => {
    const calls = serve({ active: true, createdAt: "2026-11-20T09:30:00Z" });
    const { user } = renderWithProviders(<CalendarSubscription zone="Europe/Berlin" />);

    expect(await screen.findByText(/A subscription link is active since/)).toHaveTextContent("10:30");
    expect(screen.queryByRole("textbox")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Turn off" }));
    const dialog = screen.getByRole("alertdialog", { name: "Turn the subscription link off?" });
    await user.click(within(dialog).getByRole("button", { name: "Turn off" }));
    expect(await screen.findByText("Subscription link turned off")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Create subscription link" })).toBeInTheDocument();
    expect(calls).toEqual(["DELETE"]);
  });
});
