/** Shapes of the records, patients and access-log endpoints (docs/API.md "Medical records"). */

export interface DoctorSummary {
  id: number;
  fullName: string;
  specialization: string | null;
}

export interface MedicalRecord {
  id: number;
  patientId: number;
  doctorId: number;
  appointmentId: number | null;
  doctor: DoctorSummary;
  diagnosis: string;
  prescription: string | null;
  notes: string | null;
  createdAt: string;
  version: number;
  amendedAt: string | null;
}

export interface RecordVersion {
  recordId: number;
  version: number;
  diagnosis: string;
  prescription: string | null;
  notes: string | null;
  amendedAt: string | null;
  amendedBy: { id: number; fullName: string } | null;
  reason: string | null;
  contentSha256: string;
}

export interface PatientListItem {
  id: number;
  fullName: string;
  email: string;
  lastVisit: string | null;
  nextVisit: string | null;
}

export interface PatientAppointment {
  id: number;
  doctorId: number;
  startTime: string;
  endTime: string;
  status: string;
}

export interface Patient {
  id: number;
  fullName: string;
  email: string;
  timezone: string;
  lastVisit: string | null;
  nextVisit: string | null;
  appointments: PatientAppointment[];
}

export interface AccessEvent {
  at: string;
  actor: { id: number; fullName: string; role: string };
  action: string;
  recordId: number | null;
}
