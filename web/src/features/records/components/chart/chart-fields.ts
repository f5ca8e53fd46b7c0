import { type ChartEntry, type ChartListName } from "../../api/types";

/** One field of a chart list's form; `name` is the API's (camelCase) field. */
export interface FieldSpec {
  name: string;
  label: string;
  kind: "text" | "date" | "datetime" | "number" | "select";
  options?: readonly { value: string; label: string }[];
  required?: boolean;
  /** Shown after the label, and in the hint with the plausible range. */
  unit?: string;
  hint?: string;
  step?: string;
}

export interface ListSpec {
  title: string;
  /** "allergy": the add button and dialogs ("Add allergy", "Amend allergy"). */
  one: string;
  empty: string;
  fields: readonly FieldSpec[];
  statuses: readonly { value: string; label: string }[];
  /** The entry in one line (its name), for lists and dialog titles. */
  headline: (entry: ChartEntry) => string;
}

const ENTERED_IN_ERROR = { value: "entered_in_error", label: "Entered in error" } as const;

/** A vital sign: unit and plausibility range as the server checks them (422 `implausible_value`). */
export interface VitalMeasure {
  name: "systolic" | "diastolic" | "heartRate" | "temperature" | "weight" | "height" | "oxygenSaturation";
  label: string;
  unit: string;
  low: number;
  high: number;
  step: string;
}

export const VITAL_MEASURES: readonly VitalMeasure[] = [
  { name: "systolic", label: "Systolic", unit: "mmHg", low: 50, high: 300, step: "1" },
  { name: "diastolic", label: "Diastolic", unit: "mmHg", low: 20, high: 200, step: "1" },
  { name: "heartRate", label: "Heart rate", unit: "/min", low: 20, high: 300, step: "1" },
  { name: "temperature", label: "Temperature", unit: "°C", low: 30, high: 45, step: "0.1" },
  { name: "weight", label: "Weight", unit: "kg", low: 0.5, high: 500, step: "0.1" },
  { name: "height", label: "Height", unit: "cm", low: 20, high: 280, step: "0.1" },
  { name: "oxygenSaturation", label: "Oxygen saturation", unit: "%", low: 50, high: 100, step: "1" },
];

/** A field of an entry as text ("" when empty or not a plain value). */
export function fieldText(entry: object, field: string): string {
  const value = (entry as Record<string, unknown>)[field];
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

export const LISTS: Record<ChartListName, ListSpec> = {
  allergies: {
    title: "Allergies and intolerances",
    one: "allergy",
    empty: "No allergies recorded.",
    fields: [
      { name: "substance", label: "Substance", kind: "text", required: true },
      { name: "reaction", label: "Reaction", kind: "text" },
      {
        name: "severity",
        label: "Severity",
        kind: "select",
        options: [
          { value: "mild", label: "Mild" },
          { value: "moderate", label: "Moderate" },
          { value: "severe", label: "Severe" },
        ],
      },
      { name: "onsetDate", label: "Onset", kind: "date" },
    ],
    statuses: [{ value: "active", label: "Active" }, { value: "inactive", label: "Inactive" }, ENTERED_IN_ERROR],
    headline: (entry) => fieldText(entry, "substance"),
  },
  problems: {
    title: "Problem list",
    one: "problem",
    empty: "No problems recorded.",
    fields: [
      { name: "condition", label: "Condition", kind: "text", required: true },
      { name: "onsetDate", label: "Onset", kind: "date" },
      { name: "resolvedDate", label: "Resolved on", kind: "date" },
    ],
    statuses: [{ value: "active", label: "Active" }, { value: "resolved", label: "Resolved" }, ENTERED_IN_ERROR],
    headline: (entry) => fieldText(entry, "condition"),
  },
  medications: {
    title: "Medications",
    one: "medication",
    empty: "No medications recorded.",
    fields: [
      { name: "name", label: "Medication", kind: "text", required: true },
      { name: "dose", label: "Dose", kind: "text", hint: "For example 5 mg" },
      { name: "route", label: "Route", kind: "text", hint: "For example oral" },
      { name: "frequency", label: "Frequency", kind: "text", hint: "For example once daily" },
      { name: "startDate", label: "Start", kind: "date" },
      { name: "stopDate", label: "Stop", kind: "date" },
      { name: "prescriber", label: "Prescribed by", kind: "text", hint: "Leave empty when you prescribe it" },
    ],
    statuses: [{ value: "active", label: "Active" }, { value: "stopped", label: "Stopped" }, ENTERED_IN_ERROR],
    headline: (entry) => fieldText(entry, "name"),
  },
  vitals: {
    title: "Vital signs",
    one: "vital signs",
    empty: "No vital signs recorded.",
    fields: [
      { name: "takenAt", label: "Taken at", kind: "datetime", required: true },
      ...VITAL_MEASURES.map(
        (m): FieldSpec => ({
          name: m.name,
          label: m.label,
          kind: "number",
          unit: m.unit,
          step: m.step,
          hint: `${String(m.low)}–${String(m.high)} ${m.unit}`,
        }),
      ),
    ],
    statuses: [{ value: "final", label: "Final" }, ENTERED_IN_ERROR],
    headline: () => "Vital signs",
  },
};

export function statusLabel(list: ChartListName, status: string): string {
  return LISTS[list].statuses.find((s) => s.value === status)?.label ?? status;
}
