/**
 * A guest's chosen time, carried through login or registration to the confirm step
 * (`/book/:id?start=…&step=confirm`, whose URL never holds the reason).
 *
 * It lives in this tab's `sessionStorage` only (gone when the tab closes, never sent to the
 * server, not shared with other tabs) and only for the hop: the booking page takes the reason
 * back into its history entry and clears the intent as soon as a signed-in user reaches the
 * confirm step (a patient, or a doctor or admin who cannot book), and again after booking.
 * The reason is PHI, so nothing else keeps it: not the URL, not localStorage, not the server.
 */
const KEY = "clinic360.bookingIntent";

export interface BookingIntent {
  doctorId: number;
  doctorName: string;
  /** The doctor's zone: the clinic's clock the time is shown on. */
  doctorZone: string;
  startTime: string;
  endTime: string;
  reason: string;
  /** Where login or registration continues: the confirm step of this doctor and time. */
  href: string;
}

function isIntent(value: unknown): value is BookingIntent {
  if (typeof value !== "object" || value === null) return false;
  const intent = value as Record<string, unknown>;
  return (
    typeof intent.doctorId === "number" &&
    ["doctorName", "doctorZone", "startTime", "endTime", "reason", "href"].every((key) => typeof intent[key] === "string")
  );
}

export function saveBookingIntent(intent: BookingIntent): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(intent));
  } catch {
    // Storage refused (private mode, quota): the time still travels in `next`, the reason not.
  }
}

/** The intent kept in this tab, or null. */
export function readBookingIntent(): BookingIntent | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return isIntent(value) ? value : null;
  } catch {
    return null;
  }
}

/** The intent for this doctor and start time, or null (another booking, or none). */
export function bookingIntentFor(doctorId: number, startTime: string | undefined): BookingIntent | null {
  const intent = readBookingIntent();
  return intent !== null && intent.doctorId === doctorId && intent.startTime === startTime ? intent : null;
}

/** The same page, however its query is escaped (the router hands `?next=` back with some
 * escapes already decoded: `%3A` comes back as `:`). */
function normalised(href: string): string {
  const url = new URL(href, "http://clinic360.invalid");
  const params = [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

/** The intent kept in this tab when `next` (where login or registration continues) is its
 * confirm step, or null. */
export function bookingIntentContinuing(next: string | null): BookingIntent | null {
  const intent = readBookingIntent();
  if (intent === null || next === null) return null;
  return normalised(next) === normalised(intent.href) ? intent : null;
}

export function clearBookingIntent(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
}
