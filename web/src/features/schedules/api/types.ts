/** Shapes of the doctors and schedules endpoints (docs/API.md "Doctors and schedules"). */
import { type ApiSchema } from "@/lib/api-types";

/** A doctor as patients see them; `nextAvailable` is the earliest free slot in 60 days, or null. */
export type Doctor = ApiSchema<"DoctorOut">;

/** A free slot (also the shape of each `alternatives` entry of a 409 `slot_taken`). */
export type Slot = ApiSchema<"SlotOut">;

/**
 * A weekly (`dayOfWeek`, 0 = Sunday) or dated window; exactly one is set. A dated window
 * applies on every date from `date` to `endDate` (YYYY-MM-DD, both included).
 */
export type ScheduleEntry = ApiSchema<"EntryOut">;

type EntryWindow = Pick<ApiSchema<"EntryBody">, "startTime" | "endTime"> & { isAvailable: boolean };

/** Time off only: cancel the booked appointments it covers (their ids), with a message to the patients. */
type CancelCovered = Pick<ApiSchema<"EntryBody">, "cancelAppointments" | "cancellationMessage">;

/** The body of POST/PUT /api/schedule, with exactly one of `dayOfWeek` and `date` (+ `endDate`). */
export type ScheduleEntryInput =
  | (EntryWindow & { dayOfWeek: number })
  | (EntryWindow & CancelCovered & { date: string; endDate?: string });

/** An appointment time off would cover: an entry of a 409 `time_off_hits_appointments` (never the reason). */
export interface TimeOffHit {
  id: number;
  startTime: string;
  endTime: string;
  patientName: string;
}

/** The body of POST /api/schedule/weekly: one window on several weekdays, all or none. */
export type WeeklyEntriesInput = Pick<ApiSchema<"WeeklyBody">, "daysOfWeek" | "startTime" | "endTime"> & {
  isAvailable: boolean;
};
