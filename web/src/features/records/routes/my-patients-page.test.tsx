import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { DOCTOR } from "../test/fixtures";
import { MyPatientsPage } from "./my-patients-page";

const PATIENTS = [
  { id: 7, fullName: "Alice Smith", email: "alice@example.org", lastVisit: "2026-11-20T08:00:00Z", nextVisit: null },
  { id: 8, fullName: "Bob_Builder 100%", email: "bob@example.org", lastVisit: null, nextVisit: "2026-12-20T08:00:00Z" },
];

describe("MyPatientsPage", () => {
  it("lists the doctor's patients with last and next visit, linking to each", async () => {
    mockFetch((url) => (url === "/api/user" ? jsonResponse(DOCTOR) : jsonResponse(PATIENTS)));
    renderWithProviders(<MyPatientsPage />, { path: "/patients" });

    expect(screen.getByRole("heading", { level: 1, name: "My patients" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Alice Smith" })).toHaveAttribute("href", "/patients/7");
    expect(screen.getByText("Fri 20 Nov 2026, 08:00 (UTC)")).toBeInTheDocument();
  });

  it("searches with q, sent as a query parameter", async () => {
    const fetch = mockFetch((url) => (url === "/api/user" ? jsonResponse(DOCTOR) : jsonResponse(PATIENTS.slice(1))));
    const { user } = renderWithProviders(<MyPatientsPage />, { path: "/patients" });

    await user.type(screen.getByRole("searchbox", { name: /search patients/i }), "100%");
    expect(await screen.findByRole("link", { name: "Bob_Builder 100%" })).toBeInTheDocument();
    const urls = () => fetch.mock.calls.map(([url]) => (typeof url === "string" ? url : ""));
    await waitFor(() => {
      expect(urls()).toContain("/api/patients?q=100%25&limit=500");
    });
    // Debounced: the keystrokes in between send no request of their own.
    expect(urls()).not.toContain("/api/patients?q=1&limit=500");
  });
});
