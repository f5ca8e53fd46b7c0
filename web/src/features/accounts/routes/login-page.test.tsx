import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "../test-helpers";
import { LoginPage } from "./login-page";

function server(login: () => Response) {
  return mockFetch((url) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/login") return login();
    return problemResponse(404, { title: "Not Found" });
  });
}

describe("LoginPage", { timeout: 20_000 }, () => {
  it("asks for both fields before calling the server", async () => {
    const fetch = server(() => jsonResponse(makeUser()));
    const { user } = renderWithProviders(<LoginPage />, { path: "/login" });

    await user.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByText("Enter your username")).toBeInTheDocument();
    expect(screen.getByText("Enter your password")).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("says clearly when the username or password is wrong", async () => {
    server(() => problemResponse(401, { title: "Unauthorized", code: "invalid_credentials" }));
    const { user, location } = renderWithProviders(<LoginPage />, { path: "/login" });

    await user.type(screen.getByLabelText(/^Username/), "alice");
    await user.type(screen.getByLabelText(/^Password/), "wrong-password");
    await user.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The username or password is incorrect.");
    expect(screen.getByLabelText(/^Password/)).toHaveValue("");
    expect(location.history.at(-1)).toBe("/login");
  });

  it("tells how long to wait after too many attempts", async () => {
    server(
      () =>
        new Response(JSON.stringify({ status: 429, title: "Too Many Requests", code: "rate_limited" }), {
          status: 429,
          headers: { "Content-Type": "application/problem+json", "Retry-After": "600" },
        }),
    );
    const { user } = renderWithProviders(<LoginPage />, { path: "/login" });

    await user.type(screen.getByLabelText(/^Username/), "alice");
    await user.type(screen.getByLabelText(/^Password/), "whatever1");
    await user.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 10 minutes.");
  });

  it.each([
    ["patient", "/patient"],
    ["doctor", "/doctor"],
    ["admin", "/admin"],
  ] as const)("sends a %s to their dashboard", async (role, home) => {
    server(() => jsonResponse(makeUser({ role })));
    const { user, location } = renderWithProviders(<LoginPage />, { path: "/login" });

    await user.type(screen.getByLabelText(/^Username/), "alice");
    await user.type(screen.getByLabelText(/^Password/), "Lantern-Quiet-47");
    await user.click(screen.getByRole("button", { name: "Log in" }));

    await expect.poll(() => location.history.at(-1)).toBe(home);
  });

  it("returns to the page asked for, but only on this site", async () => {
    server(() => jsonResponse(makeUser()));
    const first = renderWithProviders(<LoginPage />, { path: "/login?next=%2Frecords" });
    await first.user.type(screen.getByLabelText(/^Username/), "alice");
    await first.user.type(screen.getByLabelText(/^Password/), "Lantern-Quiet-47");
    await first.user.click(screen.getByRole("button", { name: "Log in" }));
    await expect.poll(() => first.location.history.at(-1)).toBe("/records");
    first.unmount();

    const second = renderWithProviders(<LoginPage />, { path: "/login?next=%2F%2Fevil.example" });
    await second.user.type(screen.getByLabelText(/^Username/), "alice");
    await second.user.type(screen.getByLabelText(/^Password/), "Lantern-Quiet-47");
    await second.user.click(screen.getByRole("button", { name: "Log in" }));
    await expect.poll(() => second.location.history.at(-1)).toBe("/patient");
  });

  it("explains an ended session", () => {
    renderWithProviders(<LoginPage />, { path: "/login?expired=1" });

    expect(screen.getByRole("alert")).toHaveTextContent("Your session has ended");
  });
});
