import { useState } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { isApiError } from "@/lib/api-client";
import { formatInstantRange } from "@/lib/format";

import { useCancelManagedAppointment } from "../api/cancel-managed-appointment";
import { useConfirmAttendance } from "../api/confirm-attendance";
import { type ManageState, type Slot } from "../api/manage-types";
import { useManagedAlternatives } from "../api/managed-alternatives";
import { useRescheduleManagedAppointment } from "../api/reschedule-managed-appointment";
import { StatusBadge } from "./status-badge";

export const CANCEL_REASON_MAX_LENGTH = 300;

/** What the email shows: when (on the clinic's clock), with whom, where, and the status. */
export function ManagedAppointmentCard({ state }: { state: ManageState }) {
  const { appointment } = state;
  const doctor = [appointment.doctor.fullName, appointment.doctor.specialization].filter(Boolean).join(" · ");
  return (
    <dl className="grid gap-3 rounded-lg border bg-muted/30 p-4 text-sm">
      <div>
        <dt className="text-muted-foreground">When</dt>
        <dd className="font-medium tabular-nums">
          {formatInstantRange(appointment.startTime, appointment.endTime, appointment.doctor.timezone)}
        </dd>
      </div>
      <div>
        <dt className="text-muted-foreground">Doctor</dt>
        <dd className="font-medium">{doctor}</dd>
      </div>
      <div>
        <dt className="text-muted-foreground">Place</dt>
        <dd className="font-medium">{state.place}</dd>
      </div>
      {state.videoLink && (
        <div>
          <dt className="text-muted-foreground">Video link</dt>
          <dd className="font-medium break-all">
            <a href={state.videoLink} target="_blank" rel="noopener noreferrer"
              className="text-primary underline-offset-4 hover:underline">
              {state.videoLink}
            </a>
          </dd>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <dt className="sr-only">Status</dt>
        <dd>
          <StatusBadge status={appointment.status} />
        </dd>
        {appointment.patientConfirmedAt !== null && (
          <dd>
            <Badge variant="success">You confirmed you will come</Badge>
          </dd>
        )}
      </div>
    </dl>
  );
}

function failure(error: unknown): string {
  if (!isApiError(error)) return "Something went wrong. Please try again.";
  if (error.code === "link_changed") return "This appointment has changed meanwhile. Reload the page to see it.";
  if (error.code === "slot_taken") return "Someone just took this time. Pick another one.";
  if (error.code === "cancellation_window_passed" || error.code === "reschedule_window_passed") {
    return error.detail ?? "It can no longer be changed online.";
  }
  if (error.code === "rate_limited") return "Too many attempts. Please try again later.";
  return error.detail ?? "Something went wrong. Please try again.";
}

/** The actions of an appointment that may still be changed online. */
export function ManageActions({
  token,
  state,
  zone,
  onMoved,
}: {
  token: string;
  state: ManageState;
  zone: string;
  /** After a move: this link belonged to the old time, a new email brings the new link. */
  onMoved: () => void;
}) {
  const confirm = useConfirmAttendance(token);
  const cancel = useCancelManagedAppointment(token);
  const move = useRescheduleManagedAppointment(token);
  const [panel, setPanel] = useState<"cancel" | "move" | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const alternatives = useManagedAlternatives(token, panel === "move");
  const error = confirm.error ?? cancel.error ?? move.error;
  const busy = confirm.isPending || cancel.isPending || move.isPending;

  function submitCancel() {
    if (reason.trim() === "") {
      setReasonError("Tell the clinic why you cancel.");
      return;
    }
    setReasonError(undefined);
    cancel.mutate({ reason: reason.trim() });
  }

  return (
    <div className="grid gap-4">
      {error !== null && (
        <Alert variant="destructive" live>
          <AlertTitle>Not done</AlertTitle>
          <AlertDescription>{failure(error)}</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        {state.appointment.patientConfirmedAt === null && (
          <Button disabled={busy} onClick={() => { confirm.mutate(); }}>
            I will come
          </Button>
        )}
        {state.mayReschedule && (
          <Button variant="outline" aria-expanded={panel === "move"} disabled={busy}
            onClick={() => { setPanel(panel === "move" ? null : "move"); }}>
            Move it
          </Button>
        )}
        {state.mayCancel && (
          <Button variant="outline" aria-expanded={panel === "cancel"} disabled={busy}
            onClick={() => { setPanel(panel === "cancel" ? null : "cancel"); }}>
            Cancel it
          </Button>
        )}
      </div>
      {panel === "move" && (
        <section aria-labelledby="move-heading" className="grid gap-3">
          <h2 id="move-heading" className="text-lg font-semibold">Pick a new time</h2>
          <p className="text-sm text-muted-foreground">Free times of the same doctor, nearest first ({zone}).</p>
          {alternatives.isPending && <p role="status">Looking for free times…</p>}
          {alternatives.isError && <p role="alert">{failure(alternatives.error)}</p>}
          {alternatives.data?.length === 0 && <p>No free time nearby. Please contact the clinic.</p>}
          <ul className="grid gap-2 sm:grid-cols-2">
            {alternatives.data?.map((slot: Slot) => (
              <li key={slot.startTime}>
                <Button variant="secondary" className="w-full tabular-nums" disabled={busy}
                  onClick={() => { move.mutate(slot, { onSuccess: onMoved }); }}>
                  {formatInstantRange(slot.startTime, slot.endTime, zone)}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {panel === "cancel" && (
        <form noValidate aria-labelledby="cancel-heading" className="grid gap-3"
          onSubmit={(event) => { event.preventDefault(); submitCancel(); }}>
          <h2 id="cancel-heading" className="text-lg font-semibold">Cancel this appointment</h2>
          <FormField label="Why do you cancel?" required error={reasonError}
            description="A few words for the clinic. Not for medical details.">
            {(field) => (
              <Input maxLength={CANCEL_REASON_MAX_LENGTH} value={reason}
                onChange={(event) => { setReason(event.target.value); }} {...field} />
            )}
          </FormField>
          <div>
            <Button type="submit" variant="destructive" disabled={busy}>Cancel appointment</Button>
          </div>
        </form>
      )}
    </div>
  );
}
