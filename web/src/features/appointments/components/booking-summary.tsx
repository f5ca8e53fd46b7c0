import { formatClinicTime } from "@/lib/format";

import { CHANNEL_LABELS, type Doctor, type Slot, type VisitType } from "@/features/schedules";

export interface BookingSummaryProps {
  doctor: Doctor;
  /** The visit type being booked (shown when the patient chose it among several). */
  visitType?: VisitType;
  slot: Slot;
  viewerZone: string;
  reason: string;
}

/** What is about to be booked: doctor, visit type, time (clinic's clock, the viewer's beside it), reason. */
export function BookingSummary({ doctor, visitType, slot, viewerZone, reason }: BookingSummaryProps) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      <dt className="text-muted-foreground">Doctor</dt>
      <dd>{doctor.fullName}</dd>
      {visitType && (
        <>
          <dt className="text-muted-foreground">Visit</dt>
          <dd>
            {visitType.name} · {String(visitType.durationMinutes)} min · {CHANNEL_LABELS[visitType.channel]}
          </dd>
        </>
      )}
      <dt className="text-muted-foreground">When</dt>
      <dd>{formatClinicTime(slot.startTime, slot.endTime, doctor.timezone, viewerZone)}</dd>
      <dt className="text-muted-foreground">Reason</dt>
      <dd className="whitespace-pre-line">{reason.trim() || "—"}</dd>
    </dl>
  );
}
