import { CalendarDays, Clock } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { formatInstantRange } from "@/lib/format";

const SAMPLE = {
  doctor: "Dr. Bob Jones",
  specialization: "Cardiology",
  startTime: "2026-12-01T08:00:00Z",
  endTime: "2026-12-01T08:30:00Z",
  timezone: "Europe/Berlin",
};

const SLOTS = ["09:30", "10:00", "11:30", "14:00"];

/** An illustration of the product: what a patient sees after booking. */
export function AppointmentPreview() {
  return (
    <figure className="relative mx-auto w-full max-w-md">
      <div
        aria-hidden="true"
        className="absolute -inset-4 -z-10 rounded-3xl bg-gradient-to-tr from-primary/15 to-transparent blur-2xl"
      />
      <div className="rounded-2xl border bg-card p-5 shadow-xl shadow-primary/5 sm:p-6">
        <div className="flex items-start justify-between gap-3">
          <div>
            <p className="text-sm text-muted-foreground">Next appointment</p>
            <p className="mt-1 text-lg font-semibold">{SAMPLE.doctor}</p>
            <p className="text-sm text-muted-foreground">{SAMPLE.specialization}</p>
          </div>
          <Badge variant="success">Confirmed</Badge>
        </div>
        <p className="mt-5 flex items-start gap-2 rounded-lg bg-muted px-3 py-2.5 text-sm">
          <CalendarDays className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden="true" />
          <span>{formatInstantRange(SAMPLE.startTime, SAMPLE.endTime, SAMPLE.timezone)}</span>
        </p>
        <div className="mt-5 border-t pt-5">
          <p className="flex items-center gap-2 text-sm font-medium">
            <Clock className="size-4 text-primary" aria-hidden="true" />
            More free slots that day
          </p>
          <ul className="mt-3 flex flex-wrap gap-2">
            {SLOTS.map((slot) => (
              <li key={slot} className="rounded-md border px-3 py-1.5 text-sm tabular-nums">
                {slot}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <figcaption className="sr-only">An example of a booked appointment as a patient sees it.</figcaption>
    </figure>
  );
}
