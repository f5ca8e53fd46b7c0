import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "../test-helpers";
import { AdminUsersPage } from "./admin-users-page";

const ROW = {
  id: 5,
  username: "paula",
  email: "paula@example.org",
  fullName: "Paula Lost",
  role: "patient",
  approved: true,
  suspended: false,
  suspendedAt: null,
  suspensionReason: null,
  mfaEnabled: true,
  createdAt: "2026-01-01T00:00:00Z",
  lastAction: null,
  lastActionAt: null,
};

describe("AdminUsersPage", { timeout: 20_000 }, () => {
  it("searches and resets two-factor sign-in only with the admin's password and code", async () => {
    const searched: string[] = [];
    const resets: unknown[] = [];
    let mfaOn = true;
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/user") return jsonResponse(makeUser({ id: 1, role: "admin" }));
      if (url.startsWith("/api/admin/users?")) {
        searched.push(new URL(url, "http://x").searchParams.get("q") ?? "");
        return jsonResponse([{ ...ROW, mfaEnabled: mfaOn }]);
      }
      if (url === "/api/admin/users/5/mfa-reset") {
        const body = jsonBodyOf(init) as { currentPassword: string };
        resets.push(body);
        if (body.currentPassword !== "right one") {
          return problemResponse(422, { code: "validation_error", errors: { currentPassword: "is not correct" } });
        }
        mfaOn = false;
        return jsonResponse({ ...ROW, mfaEnabled: false, lastAction: "mfa_reset" });
      }
      return problemResponse(404, { title: "Not Found" });
    });
    const { user } = renderWithProviders(<AdminUsersPage />, { path: "/admin/users" });

    const list = await screen.findByRole("list", { name: "Users" });
    await user.type(screen.getByLabelText("Search users"), "paula");
    await waitFor(() => {
      expect(searched.at(-1)).toBe("paula");
    });
    await user.click(within(list).getByRole("button", { name: "Reset two-factor sign-in of Paula Lost" }));
    const dialog = await screen.findByRole("dialog", { name: "Reset two-factor sign-in of Paula Lost?" });
    await user.click(within(dialog).getByRole("button", { name: "Reset two-factor sign-in" }));
    expect(await within(dialog).findByText("Enter your password")).toBeInTheDocument();
    expect(resets).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^Your password/), "wrong one");
    await user.type(within(dialog).getByLabelText(/^Your authentication code/), "123456");
    await user.click(within(dialog).getByRole("button", { name: "Reset two-factor sign-in" }));
    expect(await within(dialog).findByText("is not correct")).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/^Your password/));
    await user.type(within(dialog).getByLabelText(/^Your password/), "right one");
    await user.click(within(dialog).getByRole("button", { name: "Reset two-factor sign-in" }));
    expect(await screen.findByText("Two-factor sign-in of Paula Lost is reset")).toBeInTheDocument();
    expect(resets).toEqual([
      { currentPassword: "wrong one", code: "123456" },
      { currentPassword: "right one", code: "123456" },
    ]);
    await waitFor(() => {
      expect(within(list).queryByText("Two-factor on")).toBeNull();
    });
  });

  it("offers no action on the admin's own account", async () => {
    mockFetch((url) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/user") return jsonResponse(makeUser({ id: 5, role: "admin" }));
      if (url.startsWith("/api/admin/users?")) return jsonResponse([{ ...ROW, role: "admin" }]);
      return problemResponse(404, { title: "Not Found" });
    });
    renderWithProviders(<AdminUsersPage />, { path: "/admin/users" });
    const list = await screen.findByRole("list", { name: "Users" });
    expect(await within(list).findByText("You")).toBeInTheDocument();
    expect(within(list).queryByRole("button")).toBeNull();
  });
});
