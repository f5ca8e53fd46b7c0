import { type MedicalRecord, type RecordVersion } from "../api/types";

export const DOCTOR = { id: 3, fullName: "Dr. Bob Jones", role: "doctor", timezone: "UTC", approved: true };
export const PATIENT = { id: 7, fullName: "Alice Smith", role: "patient", timezone: "Europe/Berlin", approved: true };

export const RECORD: MedicalRecord = {
  id: 5,
  patientId: 7,
  doctorId: 3,
  appointmentId: 12,
  doctor: { id: 3, fullName: "Dr. Bob Jones", specialization: "Cardiology" },
  diagnosis: "Stable angina <img src=x onerror=alert(1)>",
  prescription: "Nitroglycerin 0.4 mg SL as needed",
  notes: "Refer for stress test.",
  createdAt: "2026-12-01T08:00:00Z",
  version: 2,
  amendedAt: "2026-12-02T08:00:00Z",
};

export const HISTORY: RecordVersion[] = [
  {
    recordId: 5,
    version: 1,
    diagnosis: "Angina",
    prescription: "Nitroglycerin 0.4 mg SL as needed",
    notes: "Refer for stress test.",
    amendedAt: null,
    amendedBy: null,
    reason: null,
    contentSha256: "a".repeat(64),
  },
  {
    recordId: 5,
    version: 2,
    diagnosis: RECORD.diagnosis,
    prescription: RECORD.prescription,
    notes: RECORD.notes,
    amendedAt: "2026-12-02T08:00:00Z",
    amendedBy: { id: 3, fullName: "Dr. Bob Jones" },
    reason: "Specified the type",
    contentSha256: "b".repeat(64),
  },
];
