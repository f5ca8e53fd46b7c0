import { type BadgeProps } from "@/components/ui/badge";

import { type AppointmentStatus } from "./api/types";

/**
 * The one vocabulary of appointment statuses, used by every page that names one (lists,
 * dashboards, the appointment page, the booking confirmation). The calendar files say the
 * same thing: TENTATIVE while awaiting confirmation, CONFIRMED, CANCELLED (core/calendar.py).
 */
const LABELS: Record<AppointmentStatus, string> = {
  scheduled: "Awaiting confirmation",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
  requested: "Requested",
  arrived: "Checked in",
};

const VARIANTS: Record<AppointmentStatus, BadgeProps["variant"]> = {
  scheduled: "secondary",
  confirmed: "success",
  completed: "outline",
  cancelled: "destructive",
  no_show: "warning",
  requested: "secondary",
  arrived: "success",
};

/** "Awaiting confirmation", "Confirmed", …: the label of a status (an unknown one as is). */
export function statusLabel(status: AppointmentStatus | (string & {})): string {
  return status in LABELS ? LABELS[status as AppointmentStatus] : status;
}

/** The badge look of a status. */
export function statusVariant(status: AppointmentStatus): BadgeProps["variant"] {
  return VARIANTS[status];
}

/** One sentence on what the status means for `role` and what happens next. */
export function statusExplanation(status: AppointmentStatus, role: "patient" | "doctor"): string {
  switch (status) {
    case "scheduled":
      return role === "patient"
        ? "Your appointment is booked and the time is held for you. The doctor has not confirmed it yet: you will get an email as soon as they do."
        : "The patient booked this time. Confirm it so they know it will take place.";
    case "confirmed":
      return role === "patient" ? "The doctor confirmed this appointment." : "You confirmed this appointment.";
    case "completed":
      return "This visit took place.";
    case "cancelled":
      return "This appointment was cancelled; the time is free again.";
    case "no_show":
      return "This appointment was missed.";
    case "requested":
      return role === "patient"
        ? "Your request is held for you. The doctor confirms bookings for now: you will get an email as soon as they accept or decline it."
        : "The patient asked for this time. Accept or decline the request; the time is held until you do.";
    case "arrived":
      return role === "patient"
        ? "You are checked in at the front desk. The doctor will call you in."
        : "The patient is checked in and waiting. Mark the visit completed after it.";
  }
}
