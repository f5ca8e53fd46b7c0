/** Shapes of the reports endpoints (docs/API.md "Reports"). */
import { type ApiSchema } from "@/lib/api-types";

export type Report = ApiSchema<"Report">;
export type DoctorRow = ApiSchema<"DoctorRow">;
export type VisitTypeRow = ApiSchema<"VisitTypeRow">;
export type DayRow = ApiSchema<"DayRow">;

/** The query of every reports endpoint: local dates (YYYY-MM-DD, both included) and filters. */
export interface ReportRange {
  from: string;
  to: string;
  doctorId?: number;
  visitTypeId?: number;
}

/** The query string of a range, as every reports endpoint reads it. */
export function rangeQuery(range: ReportRange): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (range.doctorId !== undefined) params.set("doctorId", String(range.doctorId));
  if (range.visitTypeId !== undefined) params.set("visitTypeId", String(range.visitTypeId));
  return params.toString();
}
