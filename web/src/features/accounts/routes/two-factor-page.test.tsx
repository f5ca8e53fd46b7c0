import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { headerOf, jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { makeUser } from "../test-helpers";
import { type User } from "../types";
import { TwoFactorPage } from "./two-factor-page";

const QR = "data:image/svg+xml;base64,PHN2Zy8+";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const CODES = ["aaaa-bbbb-cccc-dddd", "eeee-ffff-gggg-hhhh"];

function server(user: User, confirm: (code: unknown) => Response) {
  return mockFetch((url, init) => {
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (url === "/api/user") return jsonResponse(user);
    if (url === "/api/user/mfa/setup") return jsonResponse({ secret: SECRET, otpauthUri: "otpauth://totp/x", qrCode: QR });
    if (url === "/api/user/mfa/confirm") return confirm(jsonBodyOf(init).code);
    return problemResponse(404, { title: "Not Found" });
  });
}

describe("TwoFactorPage (enrolment)", { timeout: 30_000 }, () => {
  it("enrols: QR code and key, a wrong code explained, then the recovery codes once", async () => {
    const doctor = makeUser({ role: "doctor", specialization: "Cardiology", mfaRequired: true });
    const fetch = server(doctor, (code) =>
      code === "123456"
        ? jsonResponse({ recoveryCodes: CODES })
        : problemResponse(422, { title: "Unprocessable", code: "validation_error", errors: { code: "is wrong" } }),
    );
    const { user, location, queryClient } = renderWithProviders(<TwoFactorPage />, { path: "/profile/two-factor" });

    expect(await screen.findByText("Set up two-factor authentication to continue")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Set up two-factor authentication" }));

    expect(await screen.findByRole("img", { name: /QR code/ })).toHaveAttribute("src", QR);
    expect(screen.getByText("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")).toBeInTheDocument();

    const code = screen.getByLabelText(/^Code from the app/);
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    await user.type(code, "000000");
    await user.click(screen.getByRole("button", { name: "Turn on two-factor authentication" }));
    expect(await screen.findByText(/That code is wrong or expired/)).toBeInTheDocument();
    expect(code).toHaveAttribute("aria-invalid", "true");

    await user.type(code, "123456");
    await user.click(screen.getByRole("button", { name: "Turn on two-factor authentication" }));
    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual(CODES);
    expect(queryClient.getQueryData<User>(["accounts", "current-user"])?.mfaEnabled).toBe(true);

    await user.click(screen.getByRole("button", { name: "Copy" }));
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain(CODES[0]);
    expect(copied).toContain(CODES[1]);
    const download = screen.getByRole("link", { name: "Download" });
    expect(download).toHaveAttribute("download", "clinic360-recovery-codes.txt");
    expect(decodeURIComponent(download.getAttribute("href") ?? "")).toContain(CODES[1]);

    await user.click(screen.getByRole("button", { name: "I have saved my recovery codes" }));
    await expect.poll(() => location.history.at(-1)).toBe("/doctor");

    const posts = fetch.mock.calls.filter(([, init]) => init?.method === "POST");
    expect(posts.map(([url]) => url)).toEqual(["/api/user/mfa/setup", "/api/user/mfa/confirm", "/api/user/mfa/confirm"]);
    expect(posts.every(([, init]) => headerOf(init, "X-CSRF-Token") === "t")).toBe(true);
  });

  it("checks the code's shape before sending it", async () => {
    const fetch = server(makeUser(), () => jsonResponse({ recoveryCodes: CODES }));
    const { user } = renderWithProviders(<TwoFactorPage />, { path: "/profile/two-factor" });

    await user.click(await screen.findByRole("button", { name: "Set up two-factor authentication" }));
    await user.type(await screen.findByLabelText(/^Code from the app/), "12ab");
    await user.click(screen.getByRole("button", { name: "Turn on two-factor authentication" }));

    expect(await screen.findByText("Enter the 6-digit code from your authenticator app")).toBeInTheDocument();
    expect(fetch.mock.calls.some(([url]) => url === "/api/user/mfa/confirm")).toBe(false);
    expect(screen.queryByText("Set up two-factor authentication to continue")).not.toBeInTheDocument();
  });

  it("shows that it is on", async () => {
    server(makeUser({ mfaEnabled: true }), () => problemResponse(409, { title: "Conflict", code: "mfa_already_enabled" }));
    renderWithProviders(<TwoFactorPage />, { path: "/profile/two-factor" });

    expect(await screen.findByText("On")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Set up two-factor authentication" })).not.toBeInTheDocument();
  });
});
