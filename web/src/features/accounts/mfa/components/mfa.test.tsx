import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { headerOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { MfaCodeForm } from "./mfa-code-form";
import { MfaEnrolment } from "./mfa-enrolment";

const QR = "data:image/svg+xml;base64,PHN2Zy8+";

describe("two-factor sign-in", () => {
  it("enrols: QR code from the server, confirm with a code, recovery codes shown once", { timeout: 30_000 }, async () => {
    const fetch = mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url === "/api/user/mfa/setup") return jsonResponse({ secret: "ABCDEF", otpauthUri: "otpauth://totp/x", qrCode: QR });
      if (url === "/api/user/mfa/confirm") {
        const body = JSON.parse(init.body as string) as { code: string };
        return body.code === "123456"
          ? jsonResponse({ recoveryCodes: ["aaaa-bbbb-cccc-dddd", "eeee-ffff-gggg-hhhh"] })
          : problemResponse(422, { title: "Unprocessable", code: "validation_error", errors: { code: "is wrong" } });
      }
      throw new Error(`unexpected ${url}`);
    });
    const onDone = vi.fn();
    const { user } = renderWithProviders(<MfaEnrolment onDone={onDone} required />);

    expect(screen.getByText(/required for your account/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Set up two-factor sign-in" }));
    expect(await screen.findByRole("img", { name: /QR code/ })).toHaveAttribute("src", QR);
    expect(screen.getByText("ABCDEF")).toBeInTheDocument();

    await user.type(screen.getByLabelText(/Code from the app/), "000000");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByText("is wrong")).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/Code from the app/));
    await user.type(screen.getByLabelText(/Code from the app/), "123456");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByText("aaaa-bbbb-cccc-dddd")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "I have saved them" }));
    expect(onDone).toHaveBeenCalledOnce();
    const posts = fetch.mock.calls.filter(([url]) => url !== "/api/csrf");
    expect(posts.every(([, init]) => headerOf(init, "X-CSRF-Token") === "t")).toBe(true);
  });

  it("second login step: code or recovery code, errors explained", { timeout: 30_000 }, async () => {
    const bodies: unknown[] = [];
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      bodies.push(JSON.parse(init.body as string));
      return bodies.length === 1
        ? problemResponse(401, { title: "Unauthorized", code: "invalid_mfa_code" })
        : jsonResponse({ id: 7, username: "dr" });
    });
    const onLoggedIn = vi.fn();
    const { user } = renderWithProviders(<MfaCodeForm onLoggedIn={onLoggedIn} />);

    await user.type(screen.getByLabelText(/Authentication code/), "111111");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText(/wrong, expired or already used/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Use a recovery code" }));
    await user.type(screen.getByLabelText(/Recovery code/), "aaaa-bbbb-cccc-dddd");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await vi.waitFor(() => {
      expect(onLoggedIn).toHaveBeenCalledWith({ id: 7, username: "dr" });
    });
    expect(bodies).toEqual([{ code: "111111" }, { recoveryCode: "aaaa-bbbb-cccc-dddd" }]);
  });
});
