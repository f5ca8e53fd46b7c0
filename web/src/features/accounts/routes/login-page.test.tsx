import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "../test-helpers";
import { type User } from "../types";
import { LoginPage } from "./login-page";

function server(login: () => Response) {
  return mockFetch((url) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/login") return login();
    return problemResponse(404, { title: "Not Found" });
  });
}

/** 429 with Retry-After, as the throttles answer. */
function tooManyRequests(retryAfterSeconds: number) {
  return new Response(JSON.stringify({ status: 429, title: "Too Many Requests", code: "rate_limited" }), {
    status: 429,
    headers: { "Content-Type": "application/problem+json", "Retry-After": String(retryAfterSeconds) },
  });
}

describe("LoginPage", { timeout: 20_000 }, () => {
  it("asks for both fields before calling the server", async () => {
    const fetch = server(() => jsonResponse(makeUser()));
    const { user } = renderWithProviders(<LoginPage />, { path: "/login" });

    await user.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByText("Enter your username or email address")).toBeInTheDocument();
    expect(screen.getByText("Enter your password")).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("takes the username or the email address in one field", async () => {
    const fetch = server(() => jsonResponse(makeUser()));
    const { user, location } = renderWithProviders(<LoginPage />, { path: "/login" });

    const field = screen.getByRole("textbox", { name: /^Username or email/ });
    expect(field).toHaveAttribute("autocomplete", "username");
    await user.type(field, "Alice@Example.org");
    await user.type(screen.getByLabelText(/^Password/), "Lantern-Quiet-47");
    await user.click(screen.getByRole("button", { name: "Log in" }));

    await expect.poll(() => location.history.at(-1)).toBe("/patient");
    const call = fetch.mock.calls.find(([url]) => url === "/api/login");
    expect(jsonBodyOf(call?.[1] ?? {})).toEqual({ username: "Alice@Example.org", password: "Lantern-Quiet-47" });
  });

  it("says clearly when the username or password is wrong", async () => {
    server(() => problemResponse(401, { title: "Unauthorized", code: "invalid_credentials" }));
    const { user, location } = renderWithProviders(<LoginPage />, { path: "/login" });

    await user.type(screen.getByLabelText(/^Username/), "alice");
    await user.type(screen.getByLabelText(/^Password/), "wrong-password");
    await user.click(screen.getByRole("button", { name: "Log in" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The username, email address or password is incorrect.");
    expect(screen.getByLabelText(/^Password/)).toHaveValue("");
    expect(location.history.at(-1)).toBe("/login");
  });

  it("tells how long to wait after too many attempts", async () => {
    server(() => tooManyRequests(600));
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

describe("LoginPage with two-factor authentication", { timeout: 30_000 }, () => {
  /** The password step asks for a code; then `mfa` answers each code step in turn. */
  function twoStepServer(...mfa: (() => Response)[]) {
    const bodies: unknown[] = [];
    const fetch = mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/login") return jsonResponse({ mfaRequired: true });
      if (url === "/api/login/mfa") {
        bodies.push(jsonBodyOf(init));
        const answer = mfa.shift();
        if (answer === undefined) throw new Error("unexpected code step");
        return answer();
      }
      return problemResponse(404, { title: "Not Found" });
    });
    return { fetch, bodies };
  }

  const invalidCode = () => problemResponse(401, { title: "Unauthorized", code: "invalid_mfa_code" });
  const signedIn = (role: User["role"]) => () => jsonResponse(makeUser({ role, mfaEnabled: true, mfaRequired: true }));

  async function passPasswordStep(user: ReturnType<typeof renderWithProviders>["user"]) {
    await user.type(screen.getByLabelText(/^Username/), "dr.jones");
    await user.type(screen.getByLabelText(/^Password/), "Lantern-Quiet-47");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    return screen.findByRole("heading", { level: 1, name: "Two-factor authentication" });
  }

  it("asks for the app's code after the password; a wrong code is explained next to the field", async () => {
    const { bodies } = twoStepServer(invalidCode, signedIn("doctor"));
    const { user, location } = renderWithProviders(<LoginPage />, { path: "/login?next=%2Fagenda" });

    await passPasswordStep(user);
    const code = screen.getByLabelText(/^Authentication code/);
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    expect(code).toHaveAttribute("inputmode", "numeric");
    expect(code).toHaveFocus();

    await user.type(code, "12345");
    await user.click(screen.getByRole("button", { name: "Verify and log in" }));
    expect(await screen.findByText("Enter the 6-digit code from your authenticator app")).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await user.type(code, "6");
    await user.click(screen.getByRole("button", { name: "Verify and log in" }));
    const wrong = await screen.findByText(/That code is wrong, expired or already used/);
    expect(code).toHaveAttribute("aria-invalid", "true");
    expect(code.getAttribute("aria-describedby")).toContain(wrong.id);
    expect(code).toHaveValue("");

    await user.type(code, "654321");
    await user.click(screen.getByRole("button", { name: "Verify and log in" }));
    await expect.poll(() => location.history.at(-1)).toBe("/agenda");
    expect(bodies).toEqual([{ code: "123456" }, { code: "654321" }]);
  });

  it("accepts a recovery code instead", async () => {
    const { bodies } = twoStepServer(invalidCode, signedIn("admin"));
    const { user, location } = renderWithProviders(<LoginPage />, { path: "/login" });

    await passPasswordStep(user);
    await user.click(screen.getByRole("button", { name: "Use a recovery code" }));
    const recovery = screen.getByLabelText(/^Recovery code/);
    expect(recovery).toHaveFocus();
    await user.type(recovery, "aaaa-bbbb-cccc-dddd");
    await user.click(screen.getByRole("button", { name: "Verify and log in" }));
    expect(await screen.findByText("That recovery code is wrong or has already been used.")).toBeInTheDocument();

    await user.type(recovery, "eeee-ffff-gggg-hhhh");
    await user.click(screen.getByRole("button", { name: "Verify and log in" }));
    await expect.poll(() => location.history.at(-1)).toBe("/admin");
    expect(bodies).toEqual([{ recoveryCode: "aaaa-bbbb-cccc-dddd" }, { recoveryCode: "eeee-ffff-gggg-hhhh" }]);
  });

  it("says how long to wait after too many wrong codes", async () => {
    twoStepServer(() => tooManyRequests(840));
    const { user } = renderWithProviders(<LoginPage />, { path: "/login" });

    await passPasswordStep(user);
    await user.type(screen.getByLabelText(/^Authentication code/), "111111");
    await user.click(screen.getByRole("button", { name: "Verify and log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts. Try again in 14 minutes.");
  });

  it("goes back to the password when the code step took too long", async () => {
    twoStepServer(() => problemResponse(401, { title: "Unauthorized", code: "mfa_login_expired" }));
    const { user } = renderWithProviders(<LoginPage />, { path: "/login" });

    await passPasswordStep(user);
    await user.type(screen.getByLabelText(/^Authentication code/), "111111");
    await user.click(screen.getByRole("button", { name: "Verify and log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This sign-in took too long");
    await user.click(screen.getByRole("button", { name: "Enter password again" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Log in" })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Username/)).toHaveValue("dr.jones");
    expect(screen.getByLabelText(/^Password/)).toHaveValue("");
  });
});
