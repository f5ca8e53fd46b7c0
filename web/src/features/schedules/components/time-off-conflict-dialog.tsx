import { useState } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { formatInstantRange } from "@/lib/format";

import { type TimeOffHit } from "../api/types";

export interface TimeOffConflictDialogProps {
  /** The booked appointments the time off covers (from the 409 `time_off_hits_appointments`). */
  hits: readonly TimeOffHit[];
  timeZone: string;
  pending: boolean;
  /** Cancel them all with the time off; `message` goes into each patient's email. */
  onConfirm: (message: string) => void;
  /** Keep the appointments: nothing is saved. */
  onKeep: () => void;
}

/** Time off over booked appointments: list them, then cancel them with it, or keep them. */
export function TimeOffConflictDialog({ hits, timeZone, pending, onConfirm, onKeep }: TimeOffConflictDialogProps) {
  const [message, setMessage] = useState("");
  const count = hits.length;
  const noun = count === 1 ? "appointment" : "appointments";
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onKeep();
      }}
    >
      <DialogContent role="alertdialog">
        <DialogHeader>
          <DialogTitle>
            This time off covers {count} booked {noun}
          </DialogTitle>
          <DialogDescription>
            Nothing is saved yet. Cancel {count === 1 ? "it" : "them"} with the time off (each patient gets an email),
            or keep {count === 1 ? "it" : "them"} and choose other times.
          </DialogDescription>
        </DialogHeader>
        <ul aria-label="Appointments it covers" className="grid gap-1 text-sm">
          {hits.map((hit) => (
            <li key={hit.id} className="rounded-md border p-2">
              <span className="font-medium">{formatInstantRange(hit.startTime, hit.endTime, timeZone)}</span>
              {" · "}
              {hit.patientName}
            </li>
          ))}
        </ul>
        <FormField label="Message to the patients (optional)" description="Put into their cancellation email.">
          {(field) => (
            <Textarea
              maxLength={500}
              value={message}
              onChange={(event) => {
                setMessage(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <DialogFooter>
          <Button variant="outline" onClick={onKeep}>
            Keep
          </Button>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={() => {
              onConfirm(message.trim());
            }}
          >
            {pending
              ? "Cancelling…"
              : count === 1
                ? "Cancel this appointment and add time off"
                : `Cancel these ${String(count)} appointments and add time off`}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
