import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** `YYYY-MM-DDTHH:mm` (a datetime-local input) on the clock of `zone`, as an ISO instant. */
export function wallClockToInstant(local: string, zone: string): string {
  const [day = "", time = ""] = local.split("T");
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, date, hour, minute, 0, zone).getTime()).toISOString();
}

/** An instant as `YYYY-MM-DDTHH:mm` on the clock of `zone` (for a datetime-local input). */
export function instantToWallClock(instant: string | Date, zone: string): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return format(new TZDate(ms, zone), "yyyy-MM-dd'T'HH:mm");
}

/** "3 Nov 2026" for a `YYYY-MM-DD` date (no zone involved). */
export function formatDay(date: string): string {
  return format(new Date(`${date}T12:00:00Z`), "d MMM yyyy");
}
