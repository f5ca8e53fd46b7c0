/**
 * GET /api/appointments/:id.ics: one appointment as an iCalendar file, for its patient or
 * doctor. A download link, not a query: the browser fetches it with the session cookie.
 */
export function appointmentCalendarUrl(id: number): string {
  return `/api/appointments/${String(id)}.ics`;
}
