import { useMemo, type Ref } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

import { type Doctor, type Slot, type VisitType, useDoctorSlots } from "@/features/schedules";
import { Alternatives, alternativesOf, nearestSlots } from "./alternatives";
import { BookingSummary } from "./booking-summary";
import { changeErrorMessage } from "./messages";
import { dayIn, plusDays } from "./time";

export interface ConfirmStepProps {
  doctor: Doctor;
  /** The visit type being booked (none: the doctor's default type, not named). */
  visitType?: VisitType;
  slot: Slot;
  viewerZone: string;
  reason: string;
  /** The booking mutation's state. */
  pending: boolean;
  error: Error | null;
  onBook: (slot: Slot) => void;
  onChangeTime: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}

/**
 * The doctor's free slots around `slot` (the day before to the day after, on the doctor's
 * clock, not before today), asked afresh when the step opens.
 */
function useFreeSlotsAround(doctor: Doctor, slot: Slot, visitType: number | undefined) {
  const day = dayIn(slot.startTime, doctor.timezone);
  const range = useMemo(() => {
    const today = dayIn(new Date(), doctor.timezone);
    const before = plusDays(day, -1);
    return { from: before < today ? today : before, to: plusDays(day, 1), visitType };
  }, [day, doctor.timezone, visitType]);
  return useDoctorSlots(doctor.id, range, { fresh: true });
}

/**
 * "Check and confirm". On entering, the chosen time is checked against the doctor's free slots
 * (asked again): when someone else took it meanwhile, the step says so at once and offers the
 * nearest free times, as the server's 409 `slot_taken` does when the race is lost at the end.
 */
export function ConfirmStep({ doctor, visitType, slot, viewerZone, reason, pending, error, onBook, onChangeTime, headingRef }: ConfirmStepProps) {
  const free = useFreeSlotsAround(doctor, slot, visitType?.id);
  const checked = free.isSuccess && !free.isFetching;
  const gone = checked && !free.data.some((item) => item.startTime === slot.startTime);
  const alternatives = alternativesOf(error) ?? (gone ? nearestSlots(free.data, slot.startTime) : null);

  return (
    <div className="grid gap-4">
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-medium outline-none">
        Check and confirm
      </h2>
      <BookingSummary doctor={doctor} visitType={visitType} slot={slot} viewerZone={viewerZone} reason={reason} />
      {alternatives !== null ? (
        <Alternatives
          alternatives={alternatives}
          clinicZone={doctor.timezone}
          viewerZone={viewerZone}
          pending={pending}
          onPick={onBook}
          verb="Book"
        />
      ) : (
        error !== null && (
          <Alert variant="destructive" live>
            <AlertTitle>Not booked</AlertTitle>
            <AlertDescription>{changeErrorMessage(error)}</AlertDescription>
          </Alert>
        )
      )}
      <div className="flex gap-2">
        <Button variant="outline" disabled={pending} onClick={onChangeTime}>
          Change time
        </Button>
        <Button disabled={pending || alternatives !== null} onClick={() => { onBook(slot); }}>
          {pending ? "Booking…" : "Confirm booking"}
        </Button>
      </div>
    </div>
  );
}
