import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { PATIENT } from "../test/fixtures";
import { AccessLogPage } from "./access-log-page";

const EVENTS = [
  { at: "2026-12-03T08:00:00Z", actor: { id: 3, fullName: "Dr. Bob Jones", role: "doctor" }, action: "appointment.read_reason", recordId: null },
  { at: "2026-12-02T08:00:00Z", actor: { id: 3, fullName: "Dr. Bob Jones", role: "doctor" }, action: "record.amend", recordId: 5 },
  { at: "2026-12-01T08:00:00Z", actor: { id: 7, fullName: "Alice Smith", role: "patient" }, action: "records.list", recordId: null },
];

describe("AccessLogPage", () => {
  it("shows who did what to the patient's records, newest first", async () => {
    mockFetch((url) => (url === "/api/user" ? jsonResponse(PATIENT) : jsonResponse(EVENTS)));
    renderWithProviders(<AccessLogPage />, { path: "/records/access-log" });

    expect(screen.getByRole("heading", { level: 1, name: "Who accessed my records" })).toBeInTheDocument();
    const table = await screen.findByRole("table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0] as HTMLElement).getByText("Read your reasons for appointments")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("Dr. Bob Jones (doctor)")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("Amended a record")).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText("#5")).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText("You (patient)")).toBeInTheDocument();
  });
});
