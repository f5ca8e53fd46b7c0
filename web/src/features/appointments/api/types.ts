/** Shapes of the appointments API (API.md "Appointments"). */

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

export interface CurrentUser {
  id: number;
  fullName: string;
  role: "patient" | "doctor" | "admin";
  timezone: string;
}

/** The statuses in which an appointment is still going to happen. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ["scheduled", "confirmed"];

export function isActive(appointment: Appointment): boolean {
  return ACTIVE_STATUSES.includes(appointment.status);
}
