import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { AppRouter } from "./router";

describe("AppRouter", () => {
  it("loads the landing page at /", async () => {
    mockFetch(() => jsonResponse({ status: "ok", database: "ok", queue: "ok" }));
    renderWithProviders(<AppRouter />, { path: "/" });

    expect(await screen.findByRole("heading", { level: 1, name: /care that fits/i })).toBeInTheDocument();
  });

  it("shows the not-found page for unknown paths", async () => {
    mockFetch(() => problemResponse(401, { title: "Unauthorized", code: "unauthenticated" }));
    renderWithProviders(<AppRouter />, { path: "/no-such-page" });

    expect(await screen.findByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /back to home/i })).toHaveAttribute("href", "/");
  });
});
