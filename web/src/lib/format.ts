import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** "Tue 1 Dec 2026, 09:00" */
export const DATE_TIME_PATTERN = "EEE d MMM yyyy, HH:mm";
const TIME_PATTERN = "HH:mm";

/** True when `timeZone` is an IANA name this browser knows ("Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

// An instant names its offset; "2026-12-01T09:00:00" alone would be read in the browser's zone.
const HAS_OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

function toZoned(instant: string | Date, timeZone: string): TZDate {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  if (typeof instant === "string" && !HAS_OFFSET.test(instant)) {
    throw new RangeError(`Instant without an offset: ${instant}`);
  }
  const date = new TZDate(typeof instant === "string" ? Date.parse(instant) : instant.getTime(), timeZone);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return date;
}

/**
 * An instant shown on the wall clock of `timeZone`, with the zone named so that nobody
 * confuses it with their own: `formatInstant("2026-12-01T08:00:00Z", "Europe/Berlin")`
 * → "Tue 1 Dec 2026, 09:00 (Europe/Berlin)".
 */
export function formatInstant(
  instant: string | Date,
  timeZone: string,
  pattern: string = DATE_TIME_PATTERN,
): string {
  return `${format(toZoned(instant, timeZone), pattern)} (${timeZone})`;
}

/**
 * A start–end pair, e.g. an appointment: "Tue 1 Dec 2026, 09:00–09:30 (Europe/Berlin)".
 * The end keeps its date when it falls on another day in that zone.
 */
export function formatInstantRange(start: string | Date, end: string | Date, timeZone: string): string {
  const from = toZoned(start, timeZone);
  const to = toZoned(end, timeZone);
  const sameDay = format(from, "yyyy-MM-dd") === format(to, "yyyy-MM-dd");
  const endText = format(to, sameDay ? TIME_PATTERN : DATE_TIME_PATTERN);
  return `${format(from, DATE_TIME_PATTERN)}–${endText} (${timeZone})`;
}

/**
 * Only the wall-clock part ("09:00", "Dec") of an instant in `timeZone`, for compact layouts
 * that name the zone once nearby (e.g. "Times in Europe/Berlin" under a day's list).
 */
export function formatWallClock(instant: string | Date, timeZone: string, pattern: string): string {
  return format(toZoned(instant, timeZone), pattern);
}

/**
 * A visit's time on the clinic's clock (the doctor's zone: the visit happens there) and, when the
 * viewer lives in another zone, on the viewer's clock too — the one way the booking flow shows a
 * time, from the slot picked to the confirmation:
 * `formatClinicTime("2026-12-01T14:00:00Z", "2026-12-01T14:30:00Z", "Europe/London", "America/New_York")`
 * → "Tue 1 Dec 2026, 14:00–14:30 (Europe/London) · 09:00–09:30 your time (America/New_York)".
 * Without `end`, one instant. The viewer's part names its date when that is another day.
 */
export function formatClinicTime(
  start: string | Date,
  end: string | Date | null,
  clinicZone: string,
  viewerZone: string,
): string {
  const clinic = end === null ? formatInstant(start, clinicZone) : formatInstantRange(start, end, clinicZone);
  if (viewerZone === clinicZone) return clinic;
  const sameDay = formatWallClock(start, clinicZone, "yyyy-MM-dd") === formatWallClock(start, viewerZone, "yyyy-MM-dd");
  const from = formatWallClock(start, viewerZone, sameDay ? TIME_PATTERN : DATE_TIME_PATTERN);
  const to = end === null ? "" : `–${formatWallClock(end, viewerZone, TIME_PATTERN)}`;
  return `${clinic} · ${from}${to} your time (${viewerZone})`;
}

/**
 * The compact form of `formatClinicTime` for a time button: `{ time: "14:00", yours: "09:00" }`
 * (clinic's clock first; `yours` is null when the viewer is in the clinic's zone).
 */
export function clinicTimeParts(
  instant: string | Date,
  clinicZone: string,
  viewerZone: string,
): { time: string; yours: string | null } {
  const time = formatWallClock(instant, clinicZone, TIME_PATTERN);
  return { time, yours: viewerZone === clinicZone ? null : formatWallClock(instant, viewerZone, TIME_PATTERN) };
}
