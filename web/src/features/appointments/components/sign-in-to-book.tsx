import { LogIn, UserPlus } from "lucide-react";
import { type Ref } from "react";
import { Link } from "wouter";

import { Button } from "@/components/ui/button";
import { clinicTimeParts } from "@/lib/format";

import { type Doctor, type Slot, type VisitType } from "@/features/schedules";
import { saveBookingIntent } from "./booking-intent";
import { BookingSummary } from "./booking-summary";

export interface SignInToBookProps {
  doctor: Doctor;
  /** The visit type picked among several (it travels in `confirmHref`'s `?type=`). */
  visitType?: VisitType;
  slot: Slot;
  viewerZone: string;
  reason: string;
  /** The confirm step's address, where login or registration continues. */
  confirmHref: string;
  headingRef: Ref<HTMLHeadingElement>;
}

/**
 * The confirm step for a guest: the visit type and time they picked, and log in or create an account to
 * confirm it. Following either link keeps the choice (and the reason typed) in this tab for the
 * hop (`booking-intent.ts`); the time is not held meanwhile.
 */
export function SignInToBook({ doctor, visitType, slot, viewerZone, reason, confirmHref, headingRef }: SignInToBookProps) {
  const { time } = clinicTimeParts(slot.startTime, doctor.timezone, viewerZone);
  const next = encodeURIComponent(confirmHref);
  function keep() {
    saveBookingIntent({
      doctorId: doctor.id,
      doctorName: doctor.fullName,
      doctorZone: doctor.timezone,
      startTime: slot.startTime,
      endTime: slot.endTime,
      reason: reason.trim(),
      href: confirmHref,
    });
  }

  return (
    <div className="grid gap-4">
      <h2 ref={headingRef} tabIndex={-1} className="text-lg font-medium outline-none">
        Sign in to confirm your {time} appointment with {doctor.fullName}
      </h2>
      <BookingSummary doctor={doctor} visitType={visitType} slot={slot} viewerZone={viewerZone} reason={reason} />
      <p className="text-sm text-muted-foreground">
        Log in, or create a patient account (it takes a minute): you come back here to confirm. The time is not
        held until you confirm; if someone takes it meanwhile, you will see the nearest free times.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button asChild>
          <Link href={`/login?next=${next}`} onClick={keep}>
            <LogIn aria-hidden="true" />
            Log in to confirm
          </Link>
        </Button>
        <Button asChild variant="outline">
          <Link href={`/register?next=${next}`} onClick={keep}>
            <UserPlus aria-hidden="true" />
            Create an account
          </Link>
        </Button>
      </div>
    </div>
  );
}
