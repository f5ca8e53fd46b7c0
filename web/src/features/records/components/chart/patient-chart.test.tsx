import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { jsonBodyOf, jsonResponse, mockFetch, problemResponse } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { ChartSummaryHeader } from "./chart-summary-header";
import { instantToWallClock, wallClockToInstant } from "./chart-time";
import { PatientChart } from "./patient-chart";

const PERSON = { id: 3, fullName: "Dr Bob" };
const META = { patientId: 7, version: 1, createdAt: "2026-11-01T08:00:00Z", createdBy: PERSON,
  updatedAt: "2026-11-01T08:00:00Z", updatedBy: PERSON, reason: null };
const ALLERGY = { ...META, id: 1, substance: "Penicillin", reaction: "Rash", severity: "severe",
  status: "active", onsetDate: "2020-05-01" };
const VITAL = { ...META, id: 2, takenAt: "2026-11-01T08:00:00Z", systolic: 120, diastolic: 80,
  heartRate: 70, temperature: null, weight: 80.5, height: 180, oxygenSaturation: null, bmi: 24.8,
  status: "final" };

describe("chart", () => {
  it("turns the form's wall clock in the user's zone into an instant and back", () => {
    expect(wallClockToInstant("2026-03-29T02:30", "UTC")).toBe("2026-03-29T02:30:00.000Z");
    expect(wallClockToInstant("2026-07-01T10:00", "Europe/Berlin")).toBe("2026-07-01T08:00:00.000Z");
    expect(instantToWallClock("2026-07-01T08:00:00Z", "Europe/Berlin")).toBe("2026-07-01T10:00");
  });

  it("puts active allergies first in the summary, with the latest vitals", async () => {
    mockFetch((url) =>
      url === "/api/patients/7/summary"
        ? jsonResponse({
            allergies: [ALLERGY],
            problems: [],
            medications: [],
            latestVitals: [
              { measure: "systolic", value: 120, unit: "mmHg", loinc: "8480-6", takenAt: VITAL.takenAt },
              { measure: "diastolic", value: 80, unit: "mmHg", loinc: "8462-4", takenAt: VITAL.takenAt },
              { measure: "bmi", value: 24.8, unit: "kg/m²", loinc: "39156-5", takenAt: VITAL.takenAt },
            ],
          })
        : problemResponse(404, { code: "not_found" }),
    );
    renderWithProviders(<ChartSummaryHeader patientId={7} timeZone="UTC" />);
    const allergies = await screen.findByRole("region", { name: "Active allergies" });
    expect(allergies).toHaveTextContent("Penicillin (severe) — Rash");
    expect(screen.getByText(/^Blood pressure 120\/80 mmHg/)).toBeInTheDocument();
    expect(screen.getByText("BMI 24.8")).toBeInTheDocument();
  });

  it("adds a medication and shows the allergy warning; the patient's view has no buttons", async () => {
    const sent: Record<string, unknown>[] = [];
    mockFetch((url, init) => {
      if (url === "/api/csrf") return jsonResponse({ csrfToken: "t" });
      if (init.method === "POST") {
        sent.push(jsonBodyOf(init));
        return jsonResponse({ ...META, id: 9, name: "Penicillin V", dose: null, route: null, frequency: null,
          startDate: null, stopDate: null, prescriber: null, status: "active",
          warnings: [{ code: "allergy_match", substance: "Penicillin" }] }, { status: 201 });
      }
      if (url.startsWith("/api/patients/7/allergies?")) return jsonResponse([ALLERGY]);
      if (url.startsWith("/api/patients/7/vitals?")) return jsonResponse([VITAL]);
      if (url.startsWith("/api/patients/7/")) return jsonResponse([]);
      return problemResponse(404, { code: "not_found" });
    });
    const user = userEvent.setup();
    const view = renderWithProviders(<PatientChart patientId={7} timeZone="UTC" editable />);
    const vitals = await screen.findByRole("table", { name: "Vital signs, newest first" });
    expect(within(vitals).getByRole("rowheader")).toHaveTextContent("Sun 1 Nov 2026, 08:00");
    expect(within(vitals).getByRole("cell", { name: "24.8" })).toBeInTheDocument();
    expect(await screen.findByRole("figure", { name: "Weight (kg) over time" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Add medication" }));
    const dialog = await screen.findByRole("dialog", { name: "Add medication" });
    await user.type(within(dialog).getByLabelText(/^Medication/), "Penicillin V");
    await user.click(within(dialog).getByRole("button", { name: "Add medication" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Allergy warning");
    expect(sent).toEqual([{ status: "active", name: "Penicillin V" }]);

    view.unmount();
    renderWithProviders(<PatientChart patientId={7} timeZone="UTC" editable={false} />);
    expect(await screen.findByRole("table", { name: "Allergies and intolerances, newest first" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Add|^Amend/ })).not.toBeInTheDocument();
  });
});
