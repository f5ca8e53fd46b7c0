/** Shapes of the appointments API (API.md "Appointments"). */
import { type ApiSchema } from "@/lib/api-types";

import { type User } from "@/features/accounts";

export type Appointment = ApiSchema<"AppointmentOut">;

export type AppointmentStatus = Appointment["status"];

/** Who looks at an appointment: decides which actions it offers. */
export type CurrentUser = Pick<User, "id" | "fullName" | "role" | "timezone">;

/** The statuses in which an appointment is still going to happen. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ["scheduled", "confirmed", "requested"];

/** A patient's no-shows and late cancellations, as their doctor sees them. */
export type Attendance = ApiSchema<"AttendanceOut">;

export function isActive(appointment: Appointment): boolean {
  return ACTIVE_STATUSES.includes(appointment.status);
}
