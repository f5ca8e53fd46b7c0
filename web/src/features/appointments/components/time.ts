import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";

/** The calendar date (YYYY-MM-DD) of an instant on the clock of `zone`. */
export function dayIn(instant: string | Date, zone: string): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return format(new TZDate(ms, zone), "yyyy-MM-dd");
}

/** A date string `days` later (calendar arithmetic, no time zone involved). */
export function plusDays(day: string, days: number): string {
  return format(addDays(new Date(`${day}T12:00:00Z`), days), "yyyy-MM-dd");
}

/** "Tue 1 Dec" for a date string. */
export function dayLabel(day: string): string {
  return format(new Date(`${day}T12:00:00Z`), "EEE d MMM");
}

/** Midnight of `day` on the clock of `zone`, as an ISO instant. */
export function startOfDayIn(day: string, zone: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new TZDate(year, month - 1, date, 0, 0, 0, zone).toISOString();
}
