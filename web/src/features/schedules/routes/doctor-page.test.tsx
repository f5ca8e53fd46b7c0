import { screen, waitFor, within } from "@testing-library/react";
import { Route } from "wouter";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { DOCTORS, PATIENT_USER, urlsOf } from "../test/fixtures";
import { DoctorPage } from "./doctor-page";

const SLOTS = [
  { startTime: "2026-12-01T08:00:00Z", endTime: "2026-12-01T08:30:00Z" },
  { startTime: "2026-12-01T08:30:00Z", endTime: "2026-12-01T09:00:00Z" },
  { startTime: "2026-12-03T23:30:00Z", endTime: "2026-12-04T00:00:00Z" },
];

function server(slots: (url: string) => unknown[]) {
  return mockFetch((url) => {
    if (url === "/api/user") return jsonResponse(PATIENT_USER);
    if (url === "/api/doctors/3") return jsonResponse(DOCTORS[0]);
    if (url.startsWith("/api/doctors/3/slots")) return jsonResponse(slots(url));
    return jsonResponse({}, { status: 404 });
  });
}

function renderPage() {
  return renderWithProviders(<Route path="/doctors/:id" component={DoctorPage} />, { path: "/doctors/3" });
}

describe("DoctorPage", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-30T23:30:00Z")); // Tue 1 Dec, 00:30 in Berlin
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows free slots by day on the doctor's clock, from the doctor's today", async () => {
    const fetch = server(() => SLOTS);
    renderPage();

    expect(await screen.findByRole("heading", { level: 1, name: "Dr. Bob Jones" })).toBeInTheDocument();
    expect(screen.getAllByText(/Europe\/Berlin/).length).toBeGreaterThan(0);
    const tuesday = await screen.findByRole("list", { name: "Free slots on Tuesday 1 December 2026" });
    expect(within(tuesday).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "09:00(08:00 yours)",
      "09:30(08:30 yours)",
    ]);
    // 23:30 UTC on the 3rd is 00:30 on Friday the 4th in Berlin.
    expect(screen.getByRole("list", { name: "Free slots on Friday 4 December 2026" })).toBeInTheDocument();
    expect(urlsOf(fetch)).toContain("/api/doctors/3/slots?from=2026-12-01&to=2026-12-07");
  });

  it("shows the doctor's address, languages and bio", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT_USER);
      if (url === "/api/doctors/3") return jsonResponse({ ...DOCTORS[0], bio: "Twenty years in cardiology." });
      if (url.startsWith("/api/doctors/3/slots")) return jsonResponse(SLOTS);
      return jsonResponse({}, { status: 404 });
    });
    renderPage();
    expect(await screen.findByText("1 Main Street")).toBeInTheDocument();
    const languages = screen.getByRole("list", { name: "Languages spoken" });
    expect(within(languages).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["English,", "German"]);
    expect(screen.getByText("Twenty years in cardiology.")).toBeInTheDocument();
  });

  it("navigates to booking with the slot's instants, by keyboard", async () => {
    server(() => SLOTS);
    const { user, location } = renderPage();

    const button = await screen.findByRole("button", { name: /Book Tuesday 1 December 2026 at 09:00 \(Europe\/Berlin\)/ });
    button.focus();
    await user.keyboard("{Enter}");
    expect(location.history.at(-1)).toBe(
      "/book/3?start=2026-12-01T08%3A00%3A00Z&end=2026-12-01T08%3A30%3A00Z",
    );
  });

  it("pages by week and says when a week has no free slots", async () => {
    const fetch = server((url) => (url.includes("from=2026-12-08") ? [] : SLOTS));
    const { user } = renderPage();

    const previous = await screen.findByRole("button", { name: "Previous week" });
    expect(previous).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Next week" }));
    expect(await screen.findByText("No free slots this week")).toBeInTheDocument();
    expect(urlsOf(fetch)).toContain("/api/doctors/3/slots?from=2026-12-08&to=2026-12-14");
    await user.click(previous);
    await waitFor(() => {
      expect(screen.queryByText("No free slots this week")).not.toBeInTheDocument();
    });
  });
});
