import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Route } from "wouter";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { appointment, DOCTOR_USER, PATIENT } from "../test/fixtures";
import { AppointmentPage } from "./appointment-page";

function renderPage(viewer: typeof PATIENT, visit = appointment()) {
  mockFetch((url) => {
    if (url === "/api/user") return jsonResponse(viewer);
    if (url === `/api/appointments/${String(visit.id)}`) return jsonResponse(visit);
    return jsonResponse({ code: "not_found", title: "Not found", status: 404 }, { status: 404 });
  });
  return renderWithProviders(<Route path="/appointments/:id" component={AppointmentPage} />, {
    path: `/appointments/${String(visit.id)}`,
  });
}

describe("AppointmentPage", { timeout: 20_000 }, () => {
  it("shows the patient the doctor, both clocks, the status and what happens next", async () => {
    const visit = appointment({ doctor: { id: 3, fullName: "Dr. Bob Jones", specialization: "Cardiology", timezone: "Europe/London" } });
    renderPage({ ...PATIENT, timezone: "America/New_York" }, visit);
    expect(await screen.findByRole("heading", { level: 1, name: "Appointment with Dr. Bob Jones" })).toBeInTheDocument();
    expect(screen.getByText(/\(America\/New_York\)/)).toBeInTheDocument();
    expect(screen.getByText(/\(Europe\/London\)/)).toBeInTheDocument();
    expect(screen.getByText("Awaiting confirmation")).toBeInTheDocument();
    expect(screen.getByText(/email as soon as they do/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reschedule" })).toBeInTheDocument();
    const calendar = screen.getByRole("group", { name: "Add to calendar" });
    expect(within(calendar).getByRole("link", { name: /\.ics/ })).toHaveAttribute("href", "/api/appointments/12.ics");
    expect(within(calendar).getByRole("link", { name: "Google Calendar" })).toBeInTheDocument();
  });

  it("offers the doctor the confirmation and the patient's page", async () => {
    renderPage(DOCTOR_USER);
    expect(await screen.findByRole("heading", { level: 1, name: "Appointment with Alice Smith" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Confirm" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Alice Smith" })).toHaveAttribute("href", "/patients/7");
  });

  it("says plainly when the appointment is missing or not the viewer's", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT);
      return problemResponse(404, { code: "not_found", title: "Not found" });
    });
    renderWithProviders(<Route path="/appointments/:id" component={AppointmentPage} />, { path: "/appointments/98" });
    expect(await screen.findByText("This appointment could not be shown")).toBeInTheDocument();
    expect(screen.getByText("Not found, or not available to you.")).toBeInTheDocument();
  });
});
