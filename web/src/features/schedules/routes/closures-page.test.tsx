import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { bodyOf } from "../test/fixtures";
import { ClosuresPage } from "./closures-page";

const YEAR = new Date().getFullYear();
const CLOSURE = {
  id: 7,
  date: `${String(YEAR)}-07-14`,
  name: "National Day",
  source: "imported",
  createdBy: 1,
  createdAt: `${String(YEAR)}-01-02T08:00:00Z`,
};

describe("ClosuresPage", () => {
  it("lists the year's closures and imports a country's holidays", async () => {
    const fetch = mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url.startsWith("/api/admin/closures?year=")) return jsonResponse([CLOSURE]);
      if (url === "/api/admin/closures/import" && init.method === "POST") {
        return jsonResponse({ added: [CLOSURE], alreadyClosed: 2 });
      }
      return jsonResponse({});
    });
    const { user } = renderWithProviders(<ClosuresPage />, { path: "/admin/closures" });

    expect(screen.getByRole("heading", { level: 1, name: "Clinic closures" })).toBeInTheDocument();
    const list = await screen.findByRole("list", { name: `Closures in ${String(YEAR)}` });
    expect(within(list).getByText("National Day")).toBeInTheDocument();
    expect(within(list).getByText("Public holiday")).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Country/), "fr");
    await user.type(screen.getByLabelText(/^Region/), "BL");
    await user.click(screen.getByRole("button", { name: "Import holidays" }));
    await waitFor(() => {
      expect(fetch.mock.calls.some(([url]) => url === "/api/admin/closures/import")).toBe(true);
    });
    const post = fetch.mock.calls.find(([url]) => url === "/api/admin/closures/import");
    expect(bodyOf(post)).toEqual({ country: "fr", region: "BL", year: YEAR });
  });

  it("shows an unknown country next to its field", async () => {
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (url.startsWith("/api/admin/closures?year=")) return jsonResponse([]);
      if (url === "/api/admin/closures/import" && init.method === "POST") {
        return problemResponse(422, {
          code: "unknown_country",
          title: "Unprocessable",
          detail: "country: unknown country code 'ZZ'",
          errors: { country: "unknown country code 'ZZ'" },
        });
      }
      return jsonResponse({});
    });
    const { user } = renderWithProviders(<ClosuresPage />, { path: "/admin/closures" });

    expect(await screen.findByText(`No closures in ${String(YEAR)}`)).toBeInTheDocument();
    const country = screen.getByLabelText(/^Country/);
    await user.type(country, "ZZ");
    await user.click(screen.getByRole("button", { name: "Import holidays" }));
    expect(await screen.findByText(/unknown country code/)).toBeInTheDocument();
    expect(country).toHaveAttribute("aria-invalid", "true");
  });
});
