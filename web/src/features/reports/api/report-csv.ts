import { type ReportRange, rangeQuery } from "./types";

/** The tables the reports export as CSV (GET /api/reports/<table>.csv, an attachment). */
export type ReportTable = "doctors" | "visit-types" | "days";

/** The address of one table's CSV download: a plain link (the session cookie authorises it). */
export function reportCsvUrl(table: ReportTable, range: ReportRange): string {
  return `/api/reports/${table}.csv?${rangeQuery(range)}`;
}
