/** Shapes of the records, patients and access-log endpoints (docs/API.md "Medical records"). */
import { type ApiSchema } from "@/lib/api-types";

export type MedicalRecord = ApiSchema<"RecordOut">;

export type RecordVersion = ApiSchema<"RecordVersionOut">;

export type PatientListItem = ApiSchema<"PatientListItem">;

export type PatientAppointment = ApiSchema<"PatientAppointment">;

export type Patient = ApiSchema<"PatientOut">;

export type AccessEvent = ApiSchema<"AccessEventOut">;

export type AccessGroup = ApiSchema<"AccessGroupOut">;
