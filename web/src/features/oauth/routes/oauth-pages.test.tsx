import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Route } from "wouter";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type AuthorizedApp, type Consent } from "../api/types";
import { ConsentPage } from "./consent-page";
import { MyAppsPage } from "./my-apps-page";

const QUERY = "response_type=code&client_id=abc&state=s";
const CONSENT: Consent = {
  clientName: "Health Diary",
  scope: "user/Slot.rs offline_access",
  words: ["Read and search free appointment times (as you see them)", "Stay connected"],
  refused: [],
  redirectUri: "https://app.example.org/callback",
};
const APP: AuthorizedApp = {
  id: 4,
  name: "Health Diary",
  scope: "user/Slot.rs",
  words: ["Read and search free appointment times (as you see them)"],
  grantedAt: "2030-11-30T10:00:00Z",
};

function track(handler: (url: string, init: RequestInit) => Response): string[] {
  const calls: string[] = [];
  mockFetch((url, init) => {
    calls.push(`${init.method ?? "GET"} ${url}`);
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    return handler(url, init);
  });
  return calls;
}

describe("ConsentPage", { timeout: 20_000 }, () => {
  it("lists the scopes in words and sends the browser back to the app on Allow", async () => {
    const calls = track((_url, init) =>
      init.method === "POST"
        ? jsonResponse({ redirectTo: "https://app.example.org/callback?code=c&state=s" })
        : jsonResponse(CONSENT),
    );
    renderWithProviders(<Route path="/authorize" component={ConsentPage} />, { path: `/authorize?${QUERY}`, browser: true });
    expect(await screen.findByText("Health Diary")).toBeInTheDocument();
    expect(screen.getByText("Read and search free appointment times (as you see them)")).toBeInTheDocument();
    const assign = vi.fn();
    vi.stubGlobal("location", Object.assign(new URL(window.location.href), { assign }));
    await userEvent.click(screen.getByRole("button", { name: "Allow" }));
    await vi.waitFor(() => { expect(assign).toHaveBeenCalledWith("https://app.example.org/callback?code=c&state=s"); });
    expect(calls).toContain("POST /api/oauth2/consent");
    expect(calls).toContain(`GET /api/oauth2/consent?request=${encodeURIComponent(QUERY)}`);
    vi.unstubAllGlobals();
  });

  it("offers only Deny when the account cannot give the scopes", async () => {
    track(() => jsonResponse({ ...CONSENT, refused: ["patient/Slot.rs"] }));
    renderWithProviders(<Route path="/authorize" component={ConsentPage} />, { path: `/authorize?${QUERY}`, browser: true });
    expect(await screen.findByText(/cannot give this app/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Allow" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Deny" })).toBeEnabled();
  });
});

describe("MyAppsPage", { timeout: 20_000 }, () => {
  it("revokes an app", async () => {
    let revoked = false;
    const calls = track((_url, init) => {
      if (init.method === "DELETE") {
        revoked = true;
        return new Response(null, { status: 204 });
      }
      return jsonResponse({ items: revoked ? [] : [APP] });
    });
    renderWithProviders(<Route path="/profile/apps" component={MyAppsPage} />, { path: "/profile/apps" });
    await userEvent.click(await screen.findByRole("button", { name: "Revoke Health Diary" }));
    expect(await screen.findByText("No connected apps")).toBeInTheDocument();
    expect(calls).toContain("DELETE /api/oauth2/apps/4");
  });
});
