import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { LandingPage } from "./landing-page";

describe("LandingPage", () => {
  it("pitches the product and links to log in and register", () => {
    mockFetch(() => jsonResponse({ status: "ok", database: "ok", queue: "ok" }));
    renderWithProviders(<LandingPage />);

    expect(screen.getByRole("heading", { level: 1 })).toBeInTheDocument();
    expect(screen.getByRole("banner")).toBeInTheDocument();
    expect(screen.getByRole("main")).toBeInTheDocument();
    expect(screen.getByRole("contentinfo")).toBeInTheDocument();
    for (const link of screen.getAllByRole("link", { name: "Log in" })) {
      expect(link).toHaveAttribute("href", "/login");
    }
    for (const link of screen.getAllByRole("link", { name: /create account/i })) {
      expect(link).toHaveAttribute("href", "/register");
    }
  });

  it("lets a guest find a doctor before signing up", () => {
    mockFetch(() => jsonResponse({ status: "ok", database: "ok", queue: "ok" }));
    renderWithProviders(<LandingPage />);

    const links = screen.getAllByRole("link", { name: "Find a doctor" });
    expect(links).toHaveLength(2);
    for (const link of links) expect(link).toHaveAttribute("href", "/doctors");
  });

  it("shows a loading state, then 'All systems operational' when the API is healthy", async () => {
    const fetch = mockFetch(() => jsonResponse({ status: "ok", database: "ok", queue: "ok" }));
    renderWithProviders(<LandingPage />);

    expect(screen.getByText("Checking system status…")).toBeInTheDocument();
    expect(await screen.findByText("All systems operational")).toBeInTheDocument();
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/health");
  });

  it("shows a service disruption when the health check fails", async () => {
    mockFetch(() =>
      problemResponse(503, { title: "Service Unavailable", code: "unavailable", database: "error", queue: "ok" }),
    );
    renderWithProviders(<LandingPage />);

    expect(await screen.findByText("Service disruption")).toBeInTheDocument();
    expect(screen.queryByText("All systems operational")).not.toBeInTheDocument();
  });

  it("names the degraded parts when the API reports them", async () => {
    mockFetch(() => jsonResponse({ status: "degraded", database: "ok", queue: "error" }));
    renderWithProviders(<LandingPage />);

    expect(await screen.findByText("Degraded performance")).toBeInTheDocument();
    expect(screen.getByText("Affected: queue")).toBeInTheDocument();
  });
});
