import { useState } from "react";

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
import { toast } from "@/components/ui/use-toast";
import { formatInstant, formatInstantRange } from "@/lib/format";

import { type Slot, useDoctor } from "@/features/schedules";
import { type Appointment } from "../api/types";
import { useUpdateAppointment } from "../api/update-appointment";
import { Alternatives, alternativesOf } from "./alternatives";
import { changeErrorMessage } from "./messages";
import { SlotPicker } from "./slot-picker";

export interface RescheduleDialogProps {
  appointment: Appointment;
  zone: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Pick another free slot of the same doctor; a taken slot offers the nearest free ones. */
export function RescheduleDialog({ appointment, zone, open, onOpenChange }: RescheduleDialogProps) {
  const doctor = useDoctor(open ? appointment.doctorId : 0);
  const update = useUpdateAppointment();
  const [slot, setSlot] = useState<Slot | null>(null);
  const alternatives = alternativesOf(update.error);

  function move(target: Slot) {
    update.mutate(
      { appointment, change: { startTime: target.startTime, endTime: target.endTime } },
      {
        onSuccess: () => {
          toast({ title: "Appointment moved", description: formatInstant(target.startTime, zone), variant: "success" });
          setSlot(null);
          onOpenChange(false);
        },
        onError: (error) => {
          if (alternativesOf(error) === null) {
            toast({ title: "Could not move it", description: changeErrorMessage(error), variant: "destructive" });
          }
        },
      },
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) update.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Reschedule</DialogTitle>
          <DialogDescription>
            Now: {formatInstantRange(appointment.startTime, appointment.endTime, zone)}. Pick a new time.
          </DialogDescription>
        </DialogHeader>
        {doctor.data ? (
          <SlotPicker
            doctorId={appointment.doctorId}
            doctorZone={doctor.data.timezone}
            viewerZone={zone}
            visitType={appointment.visitType?.id}
            selected={slot}
            onSelect={(picked) => {
              update.reset();
              setSlot(picked);
            }}
          />
        ) : doctor.isError ? (
          <p role="alert">The doctor's free times could not be loaded.</p>
        ) : (
          <p role="status">Loading free times…</p>
        )}
        {alternatives !== null && (
          <Alternatives alternatives={alternatives} clinicZone={doctor.data?.timezone ?? zone} viewerZone={zone} pending={update.isPending} onPick={move} verb="Move to" />
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Close</Button>
          </DialogClose>
          <Button
            disabled={slot === null || update.isPending}
            onClick={() => {
              if (slot) move(slot);
            }}
          >
            {update.isPending ? "Moving…" : slot ? `Move to ${formatInstant(slot.startTime, zone)}` : "Move"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
