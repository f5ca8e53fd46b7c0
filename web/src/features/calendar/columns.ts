import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";

import { type CalendarDoctor } from "./api/get-calendar";
import { type GridColumn } from "./components/time-grid";
import { visibleMinutes } from "./layout";

const MINUTE_MS = 60_000;

/** The calendar date (YYYY-MM-DD) of an instant on the clock of `zone`. */
export function dayIn(instant: Date, zone: string): string {
  return format(new TZDate(instant.getTime(), zone), "yyyy-MM-dd");
}

/** A date string `days` later (calendar arithmetic, no time zone involved). */
export function plusDays(day: string, days: number): string {
  return format(addDays(new Date(`${day}T12:00:00Z`), days), "yyyy-MM-dd");
}

/** "Tue 1 Dec" for a date string. */
export function dayLabel(day: string): string {
  return format(new Date(`${day}T12:00:00Z`), "EEE d MMM");
}

/** Midnight of `day` on the clock of `zone`, epoch ms. */
export function midnight(day: string, zone: string): number {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new TZDate(year, month - 1, date, 0, 0, 0, zone).getTime();
}

export interface GridView {
  columns: GridColumn[];
  viewMinutes: number;
}

function minutesShown(doctors: CalendarDoctor[], midnights: number[]): [number, number] {
  const spans = doctors.flatMap((d) => [...d.opening, ...d.blocks]).map((span) => {
    const start = Date.parse(span.start);
    const base = midnights.findLast((m) => m <= start) ?? midnights[0] ?? start;
    return { start: (start - base) / MINUTE_MS, end: (Date.parse(span.end) - base) / MINUTE_MS };
  });
  return visibleMinutes(spans);
}

/** A day view: one column per doctor, on the viewer's clock. */
export function dayView(doctors: CalendarDoctor[], day: string, zone: string): GridView {
  const base = midnight(day, zone);
  const [first, last] = minutesShown(doctors, [base]);
  return {
    viewMinutes: last - first,
    columns: doctors.map((doctor) => ({
      key: String(doctor.id), label: doctor.fullName, doctorId: doctor.id, doctorName: doctor.fullName,
      dayLabel: null, origin: base + first * MINUTE_MS, opening: doctor.opening, timeOff: doctor.timeOff, blocks: doctor.blocks,
    })),
  };
}

/** A week view: one column per day of one doctor, on the viewer's clock. */
export function weekView(doctor: CalendarDoctor | undefined, firstDay: string, zone: string): GridView {
  const days = Array.from({ length: 7 }, (_, i) => plusDays(firstDay, i));
  const midnights = days.map((day) => midnight(day, zone));
  const [first, last] = minutesShown(doctor === undefined ? [] : [doctor], midnights);
  return {
    viewMinutes: last - first,
    columns: days.map((day, i) => ({
      key: day, label: dayLabel(day), doctorId: doctor?.id ?? 0, doctorName: doctor?.fullName ?? "",
      dayLabel: dayLabel(day), origin: (midnights[i] ?? 0) + first * MINUTE_MS,
      opening: doctor?.opening ?? [], timeOff: doctor?.timeOff ?? [], blocks: doctor?.blocks ?? [],
    })),
  };
}
