import { type Doctor, type ScheduleEntry } from "../api/types";
import { type VisitType } from "../api/visit-types";
import { makeVisitType } from "@/test/visit-types";

export const DOCTOR_USER = {
  id: 3,
  fullName: "Dr. Bob Jones",
  role: "doctor",
  timezone: "Europe/Berlin",
  specialization: "Cardiology",
  slotMinutes: 30,
  approved: true,
};
export const PATIENT_USER = { id: 7, fullName: "Alice Smith", role: "patient", timezone: "UTC", approved: true };

export const DOCTORS: Doctor[] = [
  {
    id: 3,
    fullName: "Dr. Bob Jones",
    specialization: "Cardiology",
    specializationId: 1,
    timezone: "Europe/Berlin",
    slotMinutes: 30,
    address: "1 Main Street",
    languages: ["en", "de"],
    bio: null,
    nextAvailable: "2026-12-01T08:00:00Z",
  },
  {
    id: 4,
    fullName: "Dr. Cleo Park",
    specialization: "Dermatology",
    specializationId: 2,
    timezone: "Asia/Tokyo",
    slotMinutes: 20,
    address: null,
    languages: [],
    bio: null,
    nextAvailable: null,
  },
];

export const ENTRIES: ScheduleEntry[] = [
  { id: 1, doctorId: 3, dayOfWeek: 1, date: null, endDate: null, startTime: "09:00", endTime: "12:00", isAvailable: true },
  { id: 2, doctorId: 3, dayOfWeek: 0, date: null, endDate: null, startTime: "10:00", endTime: "11:00", isAvailable: true },
  {
    id: 3,
    doctorId: 3,
    dayOfWeek: null,
    date: "2026-12-24",
    endDate: "2026-12-24",
    startTime: "00:00",
    endTime: "24:00",
    isAvailable: false,
  },
  {
    id: 4,
    doctorId: 3,
    dayOfWeek: null,
    date: "2027-01-04",
    endDate: "2027-01-08",
    startTime: "00:00",
    endTime: "24:00",
    isAvailable: false,
  },
];

export function urlsOf(fetch: { mock: { calls: unknown[][] } }): string[] {
  return fetch.mock.calls.map(([url]) => (typeof url === "string" ? url : ""));
}

/** The JSON body a mocked fetch call was made with. */
export function bodyOf(call: readonly unknown[] | undefined): unknown {
  const init = call?.[1] as RequestInit | undefined;
  return typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
}

/** The doctor's types: the default and a retired video follow-up. */
export const VISIT_TYPES: VisitType[] = [
  makeVisitType(),
  makeVisitType({ id: 2, name: "Follow-up", durationMinutes: 15, channel: "video", isDefault: false, active: false }),
];
