import { useId, useState } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { formatInstantRange } from "@/lib/format";

import { type Appointment } from "../api/types";

/** The longest cancellation message the server accepts. */
export const MESSAGE_MAX_LENGTH = 500;
// Control characters other than tab and line breaks: the server refuses them (422).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface CancelDialogProps {
  appointment: Appointment;
  zone: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** `message`: what a doctor wrote to the patient (undefined when empty or not offered). */
  onConfirm: (message?: string) => void;
  /** Offer the optional message to the patient (doctors). */
  withMessage?: boolean;
}

/** "Cancel this appointment?": destructive actions are confirmed first. */
export function CancelDialog({
  appointment,
  zone,
  open,
  onOpenChange,
  onConfirm,
  withMessage = false,
}: CancelDialogProps) {
  const [message, setMessage] = useState("");
  const counterId = useId();
  const error = CONTROL_CHARACTER.test(message) ? "Remove the control characters from the message." : undefined;

  function close(next: boolean) {
    if (!next) setMessage("");
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Cancel this appointment?</DialogTitle>
          <DialogDescription>
            {formatInstantRange(appointment.startTime, appointment.endTime, zone)}. The other side is told by
            email and the time becomes free for others.
          </DialogDescription>
        </DialogHeader>
        {withMessage && (
          <FormField
            label="Message to the patient (optional)"
            description="Added to the patient's cancellation email, e.g. why and what to do next. Not for medical details."
            error={error}
          >
            {(field) => (
              <>
                <Textarea
                  rows={3}
                  maxLength={MESSAGE_MAX_LENGTH}
                  value={message}
                  onChange={(event) => {
                    setMessage(event.target.value);
                  }}
                  {...field}
                  aria-describedby={[field["aria-describedby"], counterId].filter(Boolean).join(" ")}
                  className="break-words"
                />
                <p id={counterId} className="text-right text-xs text-muted-foreground tabular-nums">
                  {message.length} / {MESSAGE_MAX_LENGTH}
                </p>
              </>
            )}
          </FormField>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep it</Button>
          </DialogClose>
          <Button
            variant="destructive"
            disabled={error !== undefined}
            onClick={() => {
              const trimmed = message.trim();
              onConfirm(withMessage && trimmed !== "" ? trimmed : undefined);
              close(false);
            }}
          >
            Cancel appointment
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
