import { CalendarPlus } from "lucide-react";

import { Button } from "@/components/ui/button";

import { appointmentCalendarUrl } from "../api/appointment-calendar";
import { type Appointment } from "../api/types";
import { calendarEvent, googleCalendarUrl, outlookCalendarUrl } from "../calendar-links";

/** "Add to calendar" for one appointment: its .ics file, Google Calendar, Outlook. */
export function AddToCalendar({ appointment, viewer }: { appointment: Appointment; viewer: "patient" | "doctor" }) {
  const event = calendarEvent(appointment, viewer, window.location.origin);
  return (
    <div role="group" aria-label="Add to calendar" className="flex flex-wrap items-center gap-2">
      <Button asChild variant="outline" size="sm">
        <a href={appointmentCalendarUrl(appointment.id)} download>
          <CalendarPlus aria-hidden="true" />
          Add to calendar (.ics)
        </a>
      </Button>
      <Button asChild variant="outline" size="sm">
        <a href={googleCalendarUrl(event)} target="_blank" rel="noopener noreferrer">
          Google Calendar
        </a>
      </Button>
      <Button asChild variant="outline" size="sm">
        <a href={outlookCalendarUrl(event)} target="_blank" rel="noopener noreferrer">
          Outlook
        </a>
      </Button>
    </div>
  );
}
