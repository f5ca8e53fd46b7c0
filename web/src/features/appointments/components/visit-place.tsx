import { Video } from "lucide-react";

import { type Appointment } from "../api/types";

/**
 * Where the visit happens, for its patient and doctor: the video room's link (video visits
 * still to happen), or the doctor's address (in person). Nothing once a video visit is
 * cancelled: its room is retired.
 */
export function VisitPlace({ appointment }: { appointment: Appointment }) {
  const link = appointment.videoLink ?? null;
  if (link !== null) {
    return (
      <div className="grid gap-1 rounded-lg border bg-muted/30 p-4 text-sm">
        <h2 className="font-medium">Video visit</h2>
        <p className="text-muted-foreground">Open the link a few minutes before the start. Only you and the other party have it.</p>
        <p className="break-all">
          <a href={link} target="_blank" rel="noopener noreferrer"
            className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline">
            <Video aria-hidden="true" className="size-4 shrink-0" />
            <span>Join the video visit</span>
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </p>
        <p className="break-all text-xs text-muted-foreground">{link}</p>
      </div>
    );
  }
  const address = appointment.doctor.address ?? null;
  if (appointment.visitType?.channel === "video" || address === null) return null;
  return (
    <div className="grid gap-1 rounded-lg border bg-muted/30 p-4 text-sm">
      <h2 className="font-medium">Where</h2>
      <p className="whitespace-pre-line">{address}</p>
    </div>
  );
}
