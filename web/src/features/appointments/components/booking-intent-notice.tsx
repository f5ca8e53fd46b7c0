import { CalendarClock } from "lucide-react";
import { useSearchParams } from "wouter";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { formatClinicTime } from "@/lib/format";

import { bookingIntentContinuing } from "./booking-intent";

/**
 * On the login and registration pages of a guest who picked a time: which appointment they are
 * about to confirm. Shown only when the page continues to that booking (`?next=` is its confirm
 * step), so an old choice left in the tab does not follow a plain visit to /login.
 */
export function BookingIntentNotice({ action }: { action: "Log in" | "Create an account" }) {
  const [searchParams] = useSearchParams();
  const intent = bookingIntentContinuing(searchParams.get("next"));
  if (intent === null) return null;
  return (
    <Alert className="mb-5">
      <CalendarClock aria-hidden="true" />
      <AlertTitle>
        {action} to confirm your appointment with {intent.doctorName}
      </AlertTitle>
      <AlertDescription>
        {formatClinicTime(intent.startTime, intent.endTime, intent.doctorZone, intent.doctorZone)}. Then you
        confirm it on the next page; it is not booked yet.
      </AlertDescription>
    </Alert>
  );
}
