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
  return renderWithProviders(<Route path="/appointments/:id" component={() => <AppointmentPage />} />, {
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

  it("gives a video visit's parties its link, and an in-person visit the doctor's address", async () => {
    const link = "https://meet.jit.si/clinic360-AbCdEfGhIjKlMnOpQrStUv";
    const video = appointment({
      videoLink: link,
      visitType: { id: 2, name: "Follow-up", colour: "#aa3300", channel: "video", durationMinutes: 15 },
    });
    renderPage(PATIENT, video);
    const join = await screen.findByRole("link", { name: /Join the video visit/ });
    expect(join).toHaveAttribute("href", link);
    expect(screen.getByRole("heading", { level: 2, name: "Video visit" })).toBeInTheDocument();
  });

  it("shows the doctor's address for a visit in person", async () => {
    const visit = appointment({
      doctor: { id: 3, fullName: "Dr. Bob Jones", specialization: "Cardiology", timezone: "UTC", address: "12 High Street, Leeds" },
    });
    renderPage(PATIENT, visit);
    expect(await screen.findByText("12 High Street, Leeds")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Join the video visit/ })).not.toBeInTheDocument();
  });

  it("says plainly when the appointment is missing or not the viewer's", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT);
      return problemResponse(404, { code: "not_found", title: "Not found" });
    });
    renderWithProviders(<Route path="/appointments/:id" component={() => <AppointmentPage />} />, { path: "/appointments/98" });
    expect(await screen.findByText("This appointment could not be shown")).toBeInTheDocument();
    expect(screen.getByText("Not found, or not available to you.")).toBeInTheDocument();
  });
});
