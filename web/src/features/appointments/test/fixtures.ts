import { type Doctor, type Slot } from "@/features/schedules";
import { makeVisitType } from "@/test/visit-types";

import { type Appointment, type CurrentUser } from "../api/types";

/** Midnight UTC `days` from today, plus `hours`: instants the tests can reason about. */
export function utcAt(days: number, hours: number, minutes = 0): string {
  const date = new Date();
  date.setUTCHours(0, 0, 0, 0);
  date.setUTCDate(date.getUTCDate() + days);
  date.setUTCHours(hours, minutes);
  return date.toISOString().replace(".000Z", "Z");
}

export const PATIENT: CurrentUser = { id: 7, fullName: "Alice Smith", role: "patient", timezone: "UTC" };
export const DOCTOR_USER: CurrentUser = { id: 3, fullName: "Dr. Bob Jones", role: "doctor", timezone: "UTC" };

export const DOCTOR: Doctor = {
  id: 3,
  fullName: "Dr. Bob Jones",
  specialization: "Cardiology",
  specializationId: 1,
  timezone: "UTC",
  slotMinutes: 30,
  address: null,
  languages: [],
  bio: null,
  nextAvailable: null,
};

export const SLOTS: Slot[] = [
  { startTime: utcAt(2, 9), endTime: utcAt(2, 9, 30) },
  { startTime: utcAt(2, 9, 30), endTime: utcAt(2, 10) },
  { startTime: utcAt(3, 14), endTime: utcAt(3, 14, 30) },
];

export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 12,
    patientId: 7,
    doctorId: 3,
    patient: { id: 7, fullName: "Alice Smith" },
    doctor: { id: 3, fullName: "Dr. Bob Jones", specialization: "Cardiology", timezone: "UTC" },
    startTime: utcAt(2, 9),
    endTime: utcAt(2, 9, 30),
    status: "scheduled",
    reason: "Chest pain on exertion",
    cancellationMessage: null,
    patientConfirmedAt: null,
    visitType: { id: 1, name: "Consultation", colour: "#2563eb", channel: "in_person", durationMinutes: 30 },
    createdAt: utcAt(-1, 8),
    updatedAt: utcAt(-1, 8),
    ...overrides,
  };
}

/** A visit type as GET /api/doctors/:id/visit-types lists it. */
export const visitType = makeVisitType;
