/** Shapes of the doctors and schedules endpoints (docs/API.md "Doctors and schedules"). */

export interface Doctor {
  id: number;
  fullName: string;
  specialization: string;
  timezone: string;
  slotMinutes: number;
  /** Start of the earliest free slot in the next 60 days (UTC instant), or null. */
  nextAvailable: string | null;
}

export interface Slot {
  startTime: string;
  endTime: string;
}

/** A weekly (`dayOfWeek`, 0 = Sunday) or dated (`date`, YYYY-MM-DD) window; exactly one is set. */
export interface ScheduleEntry {
  id: number;
  doctorId: number;
  dayOfWeek: number | null;
  date: string | null;
  /** HH:MM on the doctor's clock. */
  startTime: string;
  /** HH:MM or 24:00. */
  endTime: string;
  isAvailable: boolean;
}

export type ScheduleEntryInput =
  | { dayOfWeek: number; startTime: string; endTime: string; isAvailable: boolean }
  | { date: string; startTime: string; endTime: string; isAvailable: boolean };
