import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Route } from "wouter";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type ClaimState, type WaitlistEntry } from "../api/types";
import { ClaimPage } from "./claim-page";
import { WaitlistPage } from "./waitlist-page";

const TOKEN = "7.abc";
const OFFER: ClaimState = {
  status: "open",
  startTime: "2030-12-02T09:00:00Z",
  endTime: "2030-12-02T09:30:00Z",
  doctorName: "Dr. Bob Jones",
  timezone: "UTC",
  expiresAt: "2030-11-30T10:30:00Z",
  appointmentId: null,
};
const ENTRY: WaitlistEntry = {
  id: 3,
  doctorId: 5,
  doctorName: "Dr. Bob Jones",
  specializationId: null,
  specialization: null,
  visitTypeId: 9,
  visitType: "Consultation",
  dateFrom: "2030-12-01",
  dateTo: "2030-12-14",
  parts: ["morning", "evening"],
  status: "waiting",
  createdAt: "2030-11-30T10:00:00Z",
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

describe("ClaimPage", { timeout: 20_000 }, () => {
  it("books the offered time without a login", async () => {
    const calls = track((_url, init) =>
      init.method === "POST" ? jsonResponse({ ...OFFER, status: "claimed", appointmentId: 41 }) : jsonResponse(OFFER),
    );
    renderWithProviders(<Route path="/claim/:token" component={ClaimPage} />, { path: `/claim/${TOKEN}` });
    expect(await screen.findByRole("heading", { level: 1, name: "A time is free for you" })).toBeInTheDocument();
    expect(screen.getByText("Dr. Bob Jones")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Book this time" }));
    expect(await screen.findByText("It is yours: your appointment is booked")).toBeInTheDocument();
    expect(calls).toContain(`POST /api/claim/${TOKEN}`);
    expect(calls).not.toContain("GET /api/user");
  });

  it("says someone was quicker on a 409 offer_taken", async () => {
    track((_url, init) =>
      init.method === "POST" ? problemResponse(409, { code: "offer_taken", detail: "Someone was quicker." }) : jsonResponse(OFFER),
    );
    renderWithProviders(<Route path="/claim/:token" component={ClaimPage} />, { path: `/claim/${TOKEN}` });
    await userEvent.click(await screen.findByRole("button", { name: "Book this time" }));
    expect(await screen.findByText("Someone was quicker")).toBeInTheDocument();
  });

  it("explains an expired or unknown link", async () => {
    track(() => problemResponse(404, { code: "not_found" }));
    renderWithProviders(<Route path="/claim/:token" component={ClaimPage} />, { path: `/claim/${TOKEN}` });
    expect(await screen.findByText("This offer has ended or the link is not valid")).toBeInTheDocument();
  });
});

describe("WaitlistPage", { timeout: 20_000 }, () => {
  it("lists my entries and leaves one", async () => {
    let entries = [ENTRY];
    const calls = track((url, init) => {
      if (init.method === "DELETE") {
        entries = [];
        return new Response(null, { status: 204 });
      }
      return jsonResponse(url === "/api/waitlist" ? entries : {});
    });
    renderWithProviders(<Route path="/waitlist" component={WaitlistPage} />, { path: "/waitlist" });
    expect(await screen.findByText("Dr. Bob Jones")).toBeInTheDocument();
    expect(screen.getByText(/morning, evening/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Leave the waiting list for Dr. Bob Jones" }));
    expect(await screen.findByText("You are not on a waiting list")).toBeInTheDocument();
    expect(calls).toContain("DELETE /api/waitlist/3");
  });

  it("lists the entries of a dependent through Acting for", async () => {
    const ME = { id: 7, fullName: "Alice Smith", role: "patient", timezone: "UTC", approved: true };
    const calls = track((url) => {
      if (url === "/api/user") return jsonResponse(ME);
      if (url === "/api/family") {
        return jsonResponse({
          dependents: [],
          granted: [],
          received: [],
          actingFor: [
            { id: 7, fullName: "Alice Smith", via: "self", capabilities: ["appointments", "records", "messages"] },
            { id: 40, fullName: "Kim Small", via: "guardian", capabilities: ["appointments", "records", "messages"] },
          ],
        });
      }
      return jsonResponse(url === "/api/waitlist?patientId=40" ? [ENTRY] : []);
    });
    renderWithProviders(<Route path="/waitlist" component={WaitlistPage} />, { path: "/waitlist" });
    expect(await screen.findByText("You are not on a waiting list")).toBeInTheDocument();
    await userEvent.selectOptions(await screen.findByLabelText("Acting for"), "Kim Small (your dependent)");
    expect(await screen.findByText("Dr. Bob Jones")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "They are waiting for" })).toBeInTheDocument();
    expect(calls).toContain("GET /api/waitlist?patientId=40");
  });
});
