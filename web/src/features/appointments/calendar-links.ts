import { type Appointment } from "./api/types";

/** Where a calendar app's "add event" page may send people back to. */
export function appointmentPath(id: number): string {
  return `/appointments/${String(id)}`;
}

export interface CalendarEvent {
  title: string;
  start: string;
  end: string;
  /** The appointment's page in the web app (needs a login to open). */
  url: string;
}

/**
 * What goes to an outside calendar: the time, the doctor's name for the patient, and the link
 * to the appointment. Never the reason; a doctor's event names no patient (the event leaves
 * the clinic for Google's or Microsoft's servers).
 */
export function calendarEvent(appointment: Appointment, role: "patient" | "doctor", origin: string): CalendarEvent {
  return {
    title: role === "patient" ? `Appointment with ${appointment.doctor.fullName}` : "Clinic360 appointment",
    start: appointment.startTime,
    end: appointment.endTime,
    url: `${origin}${appointmentPath(appointment.id)}`,
  };
}

/** "20261201T080000Z": the UTC basic format Google Calendar takes. */
function utcBasic(instant: string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Google Calendar's "create event" page, filled in. */
export function googleCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${utcBasic(event.start)}/${utcBasic(event.end)}`,
    details: event.url,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** Outlook on the web's "new event" page, filled in. */
export function outlookCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: new Date(event.start).toISOString(),
    enddt: new Date(event.end).toISOString(),
    body: event.url,
  });
  return `https://outlook.live.com/calendar/0/action/compose?${params.toString()}`;
}
