import { useEffect, useState } from "react";
import { useLocation } from "wouter";

/**
 * The booking steps are history entries (`/book/:id?start=…&step=reason`): Back goes one step
 * back, Forward and a reload come back to it. The typed reason is PHI, so it is kept in the
 * current entry's `history.state` — which survives Back/Forward and a reload — never in the URL
 * nor in web storage, and only the entry the patient is on holds it: it is taken off an entry
 * before moving on from it, and off the last one after booking.
 */
const REASON = "bookingReason";

function currentState(): Record<string, unknown> {
  const state: unknown = window.history.state;
  return typeof state === "object" && state !== null ? { ...(state as Record<string, unknown>) } : {};
}

function readReason(): string {
  const reason = currentState()[REASON];
  return typeof reason === "string" ? reason : "";
}

function writeReason(reason: string): void {
  const rest = Object.fromEntries(Object.entries(currentState()).filter(([key]) => key !== REASON));
  window.history.replaceState(reason === "" ? rest : { ...rest, [REASON]: reason }, "");
}

/**
 * The reason typed so far, as React state mirrored into the current history entry; `entry`
 * (the search string) names the entry, so that after a step or Back/Forward the entry now
 * current gets it. `carried`: the reason to start with when the entry holds none (one a guest
 * typed before signing in, `booking-intent.ts`).
 */
export function useReasonInHistory(entry: string, carried = ""): [string, (reason: string) => void] {
  const [reason, setReason] = useState(() => readReason() || carried);
  useEffect(() => {
    writeReason(reason);
  }, [reason, entry]);
  return [reason, setReason];
}

/** Set on the entries `push` makes: the entry before is a step of this booking. */
const FROM_STEP = "bookingFromStep";

/**
 * `push`: a new step, Back returns to this one; `replace`: the same step, changed (another slot);
 * `back`: the previous step, as the browser's Back does, or `href` when the patient came from
 * elsewhere (a link straight to a step).
 */
export function useStepNavigation() {
  const [, navigate] = useLocation();
  return {
    push(href: string) {
      writeReason("");
      navigate(href, { state: { [FROM_STEP]: true } });
    },
    back(href: string) {
      if (currentState()[FROM_STEP] === true) window.history.back();
      else navigate(href, { replace: true, state: window.history.state as unknown });
    },
    replace(href: string) {
      navigate(href, { replace: true, state: window.history.state as unknown });
    },
  };
}
