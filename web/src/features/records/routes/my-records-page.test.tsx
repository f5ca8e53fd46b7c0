import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type TimelineItem } from "../api/types";
import { HISTORY, PATIENT, RECORD } from "../test/fixtures";
import { MyRecordsPage } from "./my-records-page";

const RECORD_ITEM: TimelineItem = { kind: "record", at: RECORD.createdAt, key: "record:5", changed: null, record: RECORD };
const INTAKE_ITEM: TimelineItem = {
  kind: "intake",
  at: "2026-12-03T08:00:00Z",
  key: "intake:2",
  changed: null,
  intake: {
    responseId: 2,
    appointmentId: 12,
    doctor: { id: 3, fullName: "Dr. Bob Jones" },
    visitStart: "2026-12-04T08:00:00Z",
    version: 2,
    writtenAt: "2026-12-03T08:00:00Z",
    writtenBy: { id: 7, fullName: "Alice Smith" },
    answered: 3,
  },
};

function serve(url: string): Response {
  if (url === "/api/user") return jsonResponse(PATIENT);
  if (url === "/api/patients/7/timeline") return jsonResponse({ items: [INTAKE_ITEM, RECORD_ITEM], nextBefore: null });
  if (url === "/api/records/5/history") return jsonResponse(HISTORY);
  return jsonResponse({}, { status: 404 });
}

async function timeline() {
  return screen.findByRole("list", { name: "Timeline, newest first" });
}

describe("MyRecordsPage", () => {
  it("is the patient's timeline: records with doctor, prescription, notes and version, no second list", async () => {
    const urls: string[] = [];
    mockFetch((url) => {
      urls.push(url);
      return serve(url);
    });
    renderWithProviders(<MyRecordsPage />, { path: "/records" });

    expect(screen.getByRole("heading", { level: 1, name: "Medical records" })).toBeInTheDocument();
    const list = await timeline();
    const entry = within(within(list).getAllByRole("listitem")[1] as HTMLElement);
    // Text, not markup: the payload in the diagnosis is shown literally.
    expect(entry.getByRole("heading", { name: `Record: ${RECORD.diagnosis}` })).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(entry.getByText(/Written by Dr\. Bob Jones \(Cardiology\) · amended, version 2/)).toBeInTheDocument();
    expect(entry.getByText(`Prescription: ${RECORD.prescription ?? ""}`)).toBeInTheDocument();
    expect(entry.getByText(`Notes: ${RECORD.notes ?? ""}`)).toBeInTheDocument();
    expect(entry.queryByRole("button", { name: "Amend" })).toBeNull();
    // Instants in the patient's zone, named.
    expect(entry.getByText(/Tue 1 Dec 2026, 09:00 \(Europe\/Berlin\)/)).toBeInTheDocument();
    // The old list of records is gone (the timeline is the page), and never fetched.
    expect(screen.queryByRole("list", { name: "Medical records, newest first" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Visit records" })).toBeNull();
    expect(urls.some((url) => url.startsWith("/api/records/7"))).toBe(false);
  });

  it("opens a record's version history from its timeline entry, with each amendment's reason", async () => {
    mockFetch(serve);
    const { user } = renderWithProviders(<MyRecordsPage />, { path: "/records" });

    const list = await timeline();
    await user.click(within(list).getByRole("button", { name: `Show versions of record ${RECORD.diagnosis}` }));
    const history = await screen.findByRole("list", { name: "Version history" });
    expect(within(history).getByText(/original/)).toBeInTheDocument();
    expect(within(history).getByText("Reason: Specified the type")).toBeInTheDocument();
    expect(within(history).getByText("Diagnosis: Angina")).toBeInTheDocument();
  });

  it("shows an answered intake questionnaire, without its answers, linking to the appointment", async () => {
    mockFetch(serve);
    renderWithProviders(<MyRecordsPage />, { path: "/records" });

    const list = await timeline();
    const entry = within(within(list).getAllByRole("listitem")[0] as HTMLElement);
    expect(entry.getByRole("heading", { name: "Intake questionnaire answered" })).toBeInTheDocument();
    expect(entry.getByText(/3 answers by Alice Smith · changed, version 2/)).toBeInTheDocument();
    const link = entry.getByRole("link", { name: /See the answers on the appointment/ });
    expect(link).toHaveAttribute("href", "/appointments/12");
    expect(link).toHaveAccessibleName(/Dr\. Bob Jones/);
  });

  it("offers the FHIR download as a plain attachment link", async () => {
    mockFetch(serve);
    renderWithProviders(<MyRecordsPage />, { path: "/records" });

    const link = await screen.findByRole("link", { name: /download my data \(fhir\)/i });
    expect(link).toHaveAttribute("href", "/api/patients/7/fhir");
    expect(link).toHaveAttribute("download");
  });

  it("keeps no PHI in browser storage", async () => {
    mockFetch(serve);
    const { user } = renderWithProviders(<MyRecordsPage />, { path: "/records" });
    const list = await timeline();
    await user.click(within(list).getByRole("button", { name: `Show versions of record ${RECORD.diagnosis}` }));
    await screen.findByRole("list", { name: "Version history" });

    const stored = [localStorage, sessionStorage]
      .flatMap((storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ""}`))
      .join("\n");
    for (const text of [RECORD.diagnosis, "Nitroglycerin", "stress test", "Angina"]) {
      expect(stored).not.toContain(text);
    }
  });

  it("clears cached records when the session ends (401)", async () => {
    let expired = false;
    mockFetch((url) =>
      expired
        ? new Response(JSON.stringify({ status: 401, code: "unauthenticated" }), {
            status: 401,
            headers: { "Content-Type": "application/problem+json" },
          })
        : serve(url),
    );
    const { queryClient, location } = renderWithProviders(<MyRecordsPage />, { path: "/records" });
    await screen.findByText(`Record: ${RECORD.diagnosis}`);
    expired = true;
    await queryClient.refetchQueries();
    expect(location.history.at(-1)).toBe("/login?expired=1");
    expect(queryClient.getQueryCache().findAll({ queryKey: ["records"] })).toHaveLength(0);
  });
});
