import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { ResetPasswordPage } from "./reset-password-page";

describe("ResetPasswordPage", { timeout: 20_000 }, () => {
  it("sends the token from the link with the new password, then goes to log in", async () => {
    let sent: unknown;
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      sent = jsonBodyOf(init);
      return new Response(null, { status: 204 });
    });
    const { user, location } = (window.location.hash = "#token=abc123", renderWithProviders(<ResetPasswordPage />, { path: "/reset-password" }));

    await user.type(screen.getByLabelText(/^New password/), "Harbour-Sextant-93");
    await user.type(screen.getByLabelText(/^Repeat/), "Harbour-Sextant-94");
    await user.click(screen.getByRole("button", { name: "Set new password" }));
    expect(await screen.findByText("The passwords do not match")).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/^Repeat/));
    await user.type(screen.getByLabelText(/^Repeat/), "Harbour-Sextant-93");
    await user.click(screen.getByRole("button", { name: "Set new password" }));

    await expect.poll(() => location.history.at(-1)).toBe("/login?reset=1");
    expect(sent).toEqual({ token: "abc123", newPassword: "Harbour-Sextant-93" });
  });

  it("explains an expired or used link", async () => {
    mockFetch((url) =>
      url === "/api/csrf"
        ? jsonResponse({ csrfToken: "t" })
        : problemResponse(400, { title: "Bad Request", code: "invalid_token" }),
    );
    const { user } = (window.location.hash = "#token=old", renderWithProviders(<ResetPasswordPage />, { path: "/reset-password" }));

    await user.type(screen.getByLabelText(/^New password/), "Harbour-Sextant-93");
    await user.type(screen.getByLabelText(/^Repeat/), "Harbour-Sextant-93");
    await user.click(screen.getByRole("button", { name: "Set new password" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("This link is invalid, already used or expired.");
  });

  it("says so when the link has no token", () => {
    window.location.hash = "";
    renderWithProviders(<ResetPasswordPage />, { path: "/reset-password" });

    expect(screen.getByRole("heading", { level: 1, name: "This link is incomplete" })).toBeInTheDocument();
  });
});
