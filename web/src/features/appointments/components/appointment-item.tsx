import { useState } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { formatInstantRange } from "@/lib/format";

import { isActive, type Appointment, type AppointmentStatus, type CurrentUser } from "../api/types";
import { useUpdateAppointment } from "../api/update-appointment";
import { CancelDialog } from "./cancel-dialog";
import { changeErrorMessage } from "./messages";
import { RescheduleDialog } from "./reschedule-dialog";
import { StatusBadge } from "./status-badge";
import { AttendanceLine } from "./attendance-line";
import { VisitTypeTag } from "./visit-type-tag";

type Action = "confirm" | "accept" | "decline" | "cancel" | "reschedule" | "complete" | "no_show";

/** What the viewer may do now (the server decides; this only hides buttons that would fail). */
export function actionsFor(appointment: Appointment, viewer: CurrentUser, now: Date): Action[] {
  const started = Date.parse(appointment.startTime) <= now.getTime();
  // Checked in at the front desk: the doctor completes the visit once it started.
  if (appointment.status === "arrived") return viewer.role === "doctor" && started ? ["complete"] : [];
  if (!isActive(appointment)) return [];
  if (viewer.role === "patient") return started ? [] : ["reschedule", "cancel"];
  if (viewer.role !== "doctor") return [];
  if (appointment.status === "requested") return started ? ["decline"] : ["accept", "decline"];
  const actions: Action[] = [];
  if (appointment.status === "scheduled") actions.push("confirm");
  if (started) actions.push("complete", "no_show");
  actions.push("reschedule", "cancel");
  return actions;
}

const BUTTONS: Record<Action, { label: string; variant: "default" | "secondary" | "outline" }> = {
  confirm: { label: "Confirm", variant: "default" },
  accept: { label: "Accept request", variant: "default" },
  decline: { label: "Decline request", variant: "outline" },
  complete: { label: "Completed", variant: "secondary" },
  no_show: { label: "No-show", variant: "secondary" },
  reschedule: { label: "Reschedule", variant: "outline" },
  cancel: { label: "Cancel", variant: "outline" },
};

const STATUS_OF: Record<"confirm" | "accept" | "complete" | "no_show", AppointmentStatus> = {
  confirm: "confirmed",
  accept: "scheduled",
  complete: "completed",
  no_show: "no_show",
};

const DONE: Record<AppointmentStatus, string> = {
  confirmed: "Appointment confirmed",
  cancelled: "Appointment cancelled",
  completed: "Marked as completed",
  no_show: "Marked as no-show",
  scheduled: "Appointment updated",
  requested: "Appointment updated",
  arrived: "Checked in",
};

export interface AppointmentItemProps {
  appointment: Appointment;
  viewer: CurrentUser;
  now?: Date;
}

/** One appointment: when (viewer's zone, named), with whom, why, status, and the actions. */
export function AppointmentItem({ appointment, viewer, now = new Date() }: AppointmentItemProps) {
  const update = useUpdateAppointment();
  const [dialog, setDialog] = useState<"cancel" | "reschedule" | null>(null);
  const zone = viewer.timezone;
  const actions = actionsFor(appointment, viewer, now);
  const withWhom =
    viewer.role === "doctor"
      ? appointment.patient.fullName
      : [appointment.doctor.fullName, appointment.doctor.specialization].filter(Boolean).join(" · ");

  function run(action: Action) {
    if (action === "cancel" || action === "reschedule") setDialog(action);
    else if (action === "decline") setDialog("cancel");
    else setStatus(STATUS_OF[action], undefined, action === "accept" ? "Request accepted" : undefined);
  }

  function setStatus(status: AppointmentStatus, cancellationMessage?: string, done?: string) {
    update.mutate(
      { appointment, change: cancellationMessage === undefined ? { status } : { status, cancellationMessage } },
      {
        onSuccess: () => {
          toast({ title: done ?? DONE[status], variant: "success" });
        },
        onError: (error) => {
          toast({ title: "Could not change it", description: changeErrorMessage(error), variant: "destructive" });
        },
      },
    );
  }

  return (
    <article
      aria-label={`Appointment ${formatInstantRange(appointment.startTime, appointment.endTime, zone)}`}
      className="grid gap-2 rounded-lg border p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium tabular-nums">{formatInstantRange(appointment.startTime, appointment.endTime, zone)}</p>
        <span className="flex flex-wrap gap-2">
          {viewer.role === "doctor" && appointment.patientConfirmedAt !== null && isActive(appointment) && (
            <Badge variant="success">Confirmed by the patient</Badge>
          )}
          <StatusBadge status={appointment.status} />
        </span>
      </div>
      <p className="flex flex-wrap items-center gap-x-3">
        <span>{withWhom}</span>
        <VisitTypeTag visitType={appointment.visitType} />
      </p>
      {appointment.bookedBy && (
        <p className="text-sm text-muted-foreground">
          {viewer.role === "doctor" ? "Booked by " : `For ${appointment.patient.fullName}, booked by `}
          {appointment.bookedBy.fullName}
        </p>
      )}
      {appointment.patientAttendance && <AttendanceLine attendance={appointment.patientAttendance} />}
      {appointment.reason && <p className="text-sm whitespace-pre-line text-muted-foreground">{appointment.reason}</p>}
      {appointment.status === "cancelled" && appointment.cancellationMessage && (
        <p className="text-sm break-words whitespace-pre-line">
          <span className="font-medium">Message from the doctor: </span>
          {appointment.cancellationMessage}
        </p>
      )}
      {actions.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {actions.map((action) => (
            <Button
              key={action}
              size="sm"
              variant={BUTTONS[action].variant}
              disabled={update.isPending}
              onClick={() => {
                run(action);
              }}
            >
              {BUTTONS[action].label}
            </Button>
          ))}
        </div>
      )}
      <CancelDialog
        appointment={appointment}
        zone={zone}
        open={dialog === "cancel"}
        onOpenChange={(open) => { setDialog(open ? "cancel" : null); }}
        withMessage={viewer.role === "doctor"}
        onConfirm={(message) => { setStatus("cancelled", message); }}
      />
      {dialog === "reschedule" && (
        <RescheduleDialog
          appointment={appointment}
          zone={zone}
          open
          onOpenChange={(open) => { setDialog(open ? "reschedule" : null); }}
        />
      )}
    </article>
  );
}
