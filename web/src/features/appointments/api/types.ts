/** Shapes of the appointments API (API.md "Appointments"). */

import { type User } from "@/features/accounts";

export type AppointmentStatus = "scheduled" | "confirmed" | "completed" | "cancelled" | "no_show";

export interface Appointment {
  id: number;
  patientId: number;
  doctorId: number;
  patient: { id: number; fullName: string };
  doctor: { id: number; fullName: string; specialization: string | null };
  startTime: string;
  endTime: string;
  status: AppointmentStatus;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A free slot (also the shape of each `alternatives` entry of a 409 `slot_taken`). */
export interface Slot {
  startTime: string;
  endTime: string;
}

export interface Doctor {
  id: number;
  fullName: string;
  specialization: string | null;
  timezone: string;
  slotMinutes: number;
  nextAvailable: string | null;
}

/** Who looks at an appointment: decides which actions it offers. */
export type CurrentUser = Pick<User, "id" | "fullName" | "role" | "timezone">;

/** The statuses in which an appointment is still going to happen. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ["scheduled", "confirmed"];

export function isActive(appointment: Appointment): boolean {
  return ACTIVE_STATUSES.includes(appointment.status);
}
