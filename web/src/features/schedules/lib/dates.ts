import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** Monday first, as people read a week; values are the API's `dayOfWeek` (0 = Sunday). */
export const WEEK_DAYS: readonly { dayOfWeek: number; name: string }[] = [
  { dayOfWeek: 1, name: "Monday" },
  { dayOfWeek: 2, name: "Tuesday" },
  { dayOfWeek: 3, name: "Wednesday" },
  { dayOfWeek: 4, name: "Thursday" },
  { dayOfWeek: 5, name: "Friday" },
  { dayOfWeek: 6, name: "Saturday" },
  { dayOfWeek: 0, name: "Sunday" },
];

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `HH:MM` start (00:00–23:59). */
export function isStartTime(value: string): boolean {
  return HH_MM.test(value);
}

/** `HH:MM` end, or `24:00` (until midnight). */
export function isEndTime(value: string): boolean {
  return value === "24:00" || HH_MM.test(value);
}

/** Today's date (YYYY-MM-DD) on the wall clock of `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), timeZone), "yyyy-MM-dd");
}

function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** A calendar date moved by `days` (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = parseDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "Monday 7 December 2026" for a calendar date. */
export function formatDate(date: string, pattern = "EEEE d MMMM yyyy"): string {
  const d = parseDate(date);
  return format(new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), pattern);
}

/** The calendar date (YYYY-MM-DD) and wall time (HH:mm) of an instant in `timeZone`. */
export function zonedParts(instant: string, timeZone: string): { date: string; time: string } {
  const zoned = new TZDate(Date.parse(instant), timeZone);
  return { date: format(zoned, "yyyy-MM-dd"), time: format(zoned, "HH:mm") };
}

/** "Thu 24 Dec 2026", or "Mon 4 Jan 2027 – Fri 8 Jan 2027" for a range of dates. */
export function formatDateRange(date: string, endDate: string | null, pattern = "EEE d MMM yyyy"): string {
  const first = formatDate(date, pattern);
  return endDate === null || endDate === date ? first : `${first} – ${formatDate(endDate, pattern)}`;
}
