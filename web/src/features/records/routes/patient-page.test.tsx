import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Route } from "wouter";

import { jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { DOCTOR, RECORD } from "../test/fixtures";
import { PatientPage } from "./patient-page";

const PATIENT_DETAIL = {
  id: 7,
  fullName: "Alice Smith",
  email: "alice@example.org",
  timezone: "Europe/Berlin",
  lastVisit: "2026-11-20T08:00:00Z",
  nextVisit: null,
  appointments: [
    { id: 12, doctorId: 3, startTime: "2026-11-20T08:00:00Z", endTime: "2026-11-20T08:30:00Z", status: "completed" },
  ],
  attendance: { noShows: 2, lateCancellations: 1, windowDays: 365 },
};

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

function server(onWrite: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  const fetch = mockFetch((url, init) => {
    const method = init.method ?? "GET";
    if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
    if (method !== "GET") {
      const entry = { method, url, body: JSON.parse(typeof init.body === "string" ? init.body : "null") as unknown };
      sent.push(entry);
      return onWrite(entry);
    }
    if (url === "/api/user") return jsonResponse(DOCTOR);
    if (url === "/api/patients/7") return jsonResponse(PATIENT_DETAIL);
    if (url.startsWith("/api/records/7?")) return jsonResponse([RECORD]);
    return problemResponse(404, { code: "not_found" });
  });
  return { fetch, sent };
}

function renderPage() {
  return renderWithProviders(<Route path="/patients/:id" component={PatientPage} />, { path: "/patients/7" });
}

describe("PatientPage", () => {
  it("shows profile, appointments and records, with Amend on the doctor's own record", async () => {
    server(() => jsonResponse({}));
    renderPage();

    expect(await screen.findByRole("heading", { level: 1, name: "Alice Smith" })).toBeInTheDocument();
    expect(screen.getByText("alice@example.org")).toBeInTheDocument();
    expect(screen.getByText("2 no-shows, 1 late cancellation in the last 12 months")).toBeInTheDocument();
    expect(await screen.findByText(RECORD.diagnosis)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Amend" })).toBeInTheDocument();
  });

  it("adds a record tied to a visit", async () => {
    const { sent } = server(() => jsonResponse(RECORD, { status: 201 }));
    const { user } = renderPage();
    const form = await screen.findByRole("form", { name: "Add record" });

    await user.type(within(form).getByLabelText(/Diagnosis/), "Hypertension");
    await user.type(within(form).getByLabelText("Prescription"), "Ramipril 5 mg");
    await user.selectOptions(within(form).getByLabelText(/Visit/), "12");
    await user.click(within(form).getByRole("button", { name: "Add record" }));

    await waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]).toEqual({
      method: "POST",
      url: "/api/records",
      body: { patientId: 7, diagnosis: "Hypertension", prescription: "Ramipril 5 mg", appointmentId: 12 },
    });
  });

  it("checks the diagnosis before sending and shows the server's field errors", async () => {
    const { sent } = server(() =>
      problemResponse(422, { code: "validation_error", errors: { appointmentId: "must be yours" } }),
    );
    const { user } = renderPage();
    const form = await screen.findByRole("form", { name: "Add record" });

    await user.click(within(form).getByRole("button", { name: "Add record" }));
    expect(await within(form).findByText("Enter a diagnosis")).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.type(within(form).getByLabelText(/Diagnosis/), "Flu");
    await user.click(within(form).getByRole("button", { name: "Add record" }));
    expect(await within(form).findByText("must be yours")).toBeInTheDocument();
  });

  it("amends with a reason and the version it edited", async () => {
    const { sent } = server(() => jsonResponse({ ...RECORD, version: 3 }));
    const { user } = renderPage();

    await user.click(await screen.findByRole("button", { name: "Amend" }));
    const dialog = await screen.findByRole("dialog", { name: "Amend record" });
    await user.click(within(dialog).getByRole("button", { name: "Save amendment" }));
    expect(await within(dialog).findByText("Say why you amend this record")).toBeInTheDocument();

    const diagnosis = within(dialog).getByLabelText(/Diagnosis/);
    await user.clear(diagnosis);
    await user.type(diagnosis, "Unstable angina");
    await user.clear(within(dialog).getByLabelText("Notes"));
    await user.type(within(dialog).getByLabelText(/Reason/), "Worse than thought");
    await user.click(within(dialog).getByRole("button", { name: "Save amendment" }));

    await waitFor(() => {
      expect(sent).toHaveLength(1);
    });
    expect(sent[0]).toEqual({
      method: "PUT",
      url: "/api/records/5",
      body: {
        baseVersion: 2,
        diagnosis: "Unstable angina",
        prescription: RECORD.prescription,
        notes: null,
        reason: "Worse than thought",
      },
    });
  });

  it("explains a version conflict instead of overwriting", async () => {
    server(() => problemResponse(409, { code: "version_conflict" }));
    const { user } = renderPage();
    await user.click(await screen.findByRole("button", { name: "Amend" }));
    const dialog = await screen.findByRole("dialog", { name: "Amend record" });
    await user.type(within(dialog).getByLabelText(/Reason/), "typo");
    await user.click(within(dialog).getByRole("button", { name: "Save amendment" }));
    expect(await within(dialog).findByText(/amended this record meanwhile/)).toBeInTheDocument();
  });

  it("says not found for a patient outside the doctor's care", async () => {
    mockFetch((url) => (url === "/api/user" ? jsonResponse(DOCTOR) : problemResponse(404, { code: "not_found" })));
    renderPage();
    expect(await screen.findByText("Not found, or not available to you.")).toBeInTheDocument();
  });
});
