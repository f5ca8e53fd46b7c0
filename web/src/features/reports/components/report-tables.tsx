import { type ReactNode } from "react";

import { type DayRow, type DoctorRow, type Report, type VisitTypeRow } from "../api/types";

type Measures = Report["totals"];

/** A share (0–1) as a percentage; an em dash when there is nothing to divide by. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(1)} %`;
}

function hours(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${value.toFixed(1)} h`;
}

const MEASURE_HEADERS = [
  "Bookings",
  "Cancellations",
  "Late cancellations",
  "No-shows",
  "No-show rate",
  "Booked hours",
  "Lead time (median)",
  "Lead time (average)",
  "New patients",
  "Returning patients",
] as const;

function measureCells(row: Measures | DoctorRow | VisitTypeRow): ReactNode[] {
  return [
    row.bookings,
    row.cancellations,
    row.lateCancellations,
    row.noShows,
    percent(row.noShowRate),
    hours(row.bookedHours),
    hours(row.leadTimeMedianHours),
    hours(row.leadTimeAverageHours),
    row.newPatients,
    row.returningPatients,
  ];
}

function Table({ caption, headers, rows }: { caption: string; headers: readonly string[]; rows: ReactNode[][] }) {
  return (
    // A wide table scrolls sideways: its region takes focus so keyboard users can scroll it
    // (axe's scrollable-region-focusable), and is named after the table.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="overflow-x-auto rounded-md border" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 text-left">
          <tr>
            {headers.map((header, index) => (
              <th key={header} scope="col" className={`px-3 py-2 font-medium ${index === 0 ? "" : "text-right"}`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((cells, rowIndex) => (
            <tr key={rowIndex}>
              {cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row" className="px-3 py-2 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className="px-3 py-2 text-right tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TotalsTable({ totals }: { totals: Measures }) {
  return (
    <Table
      caption="Whole clinic"
      headers={["Range", "Open hours", "Utilization", ...MEASURE_HEADERS]}
      rows={[["All doctors", hours(totals.openHours), percent(totals.utilization), ...measureCells(totals)]]}
    />
  );
}

export function DoctorsTable({ doctors }: { doctors: DoctorRow[] }) {
  return (
    <Table
      caption="Per doctor"
      headers={["Doctor", "Open hours", "Utilization", ...MEASURE_HEADERS]}
      rows={doctors.map((row) => [row.doctorName, hours(row.openHours), percent(row.utilization), ...measureCells(row)])}
    />
  );
}

export function VisitTypesTable({ visitTypes }: { visitTypes: VisitTypeRow[] }) {
  return (
    <Table
      caption="Per visit type"
      headers={["Visit type", "Doctor", ...MEASURE_HEADERS]}
      rows={visitTypes.map((row) => [row.visitTypeName || "No visit type", row.doctorName, ...measureCells(row)])}
    />
  );
}

export function DaysTable({ days }: { days: DayRow[] }) {
  return (
    <Table
      caption="Per day"
      headers={["Date", "Bookings", "Cancellations", "No-shows"]}
      rows={days.map((row) => [row.date, row.bookings, row.cancellations, row.noShows])}
    />
  );
}
