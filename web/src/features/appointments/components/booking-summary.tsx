import { formatClinicTime } from "@/lib/format";

import { type Doctor, type Slot } from "@/features/schedules";

/** What is about to be booked: doctor, time (clinic's clock, the viewer's beside it), reason. */
export function BookingSummary({ doctor, slot, viewerZone, reason }: { doctor: Doctor; slot: Slot; viewerZone: string; reason: string }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      <dt className="text-muted-foreground">Doctor</dt>
      <dd>{doctor.fullName}</dd>
      <dt className="text-muted-foreground">When</dt>
      <dd>{formatClinicTime(slot.startTime, slot.endTime, doctor.timezone, viewerZone)}</dd>
      <dt className="text-muted-foreground">Reason</dt>
      <dd className="whitespace-pre-line">{reason.trim() || "—"}</dd>
    </dl>
  );
}
