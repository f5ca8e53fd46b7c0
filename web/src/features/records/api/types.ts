/** Shapes of the records, patients and access-log endpoints (docs/API.md "Medical records"). */
import { type ApiSchema } from "@/lib/api-types";

export type MedicalRecord = ApiSchema<"RecordOut">;

export type RecordVersion = ApiSchema<"RecordVersionOut">;

export type PatientListItem = ApiSchema<"PatientListItem">;

export type PatientAppointment = ApiSchema<"PatientAppointment">;

export type Patient = ApiSchema<"PatientOut">;

export type AccessEvent = ApiSchema<"AccessEventOut">;

export type AccessGroup = ApiSchema<"AccessGroupOut">;

/** The chart lists (docs/API.md "Chart lists"): each list's entry, bodies and write answer. */
export interface ChartListTypes {
  allergies: { entry: ApiSchema<"AllergyOut">; create: ApiSchema<"AllergyCreate">; amend: ApiSchema<"AllergyAmend">; written: ApiSchema<"AllergyWritten"> };
  problems: { entry: ApiSchema<"ProblemOut">; create: ApiSchema<"ProblemCreate">; amend: ApiSchema<"ProblemAmend">; written: ApiSchema<"ProblemWritten"> };
  medications: { entry: ApiSchema<"MedicationOut">; create: ApiSchema<"MedicationCreate">; amend: ApiSchema<"MedicationAmend">; written: ApiSchema<"MedicationWritten"> };
  vitals: { entry: ApiSchema<"VitalOut">; create: ApiSchema<"VitalCreate">; amend: ApiSchema<"VitalAmend">; written: ApiSchema<"VitalWritten"> };
}

export type ChartListName = keyof ChartListTypes;

export type ChartEntry<L extends ChartListName = ChartListName> = ChartListTypes[L]["entry"];

export type Allergy = ApiSchema<"AllergyOut">;

export type Vital = ApiSchema<"VitalOut">;

export type ChartSummary = ApiSchema<"ChartSummary">;

export type AllergyWarning = ApiSchema<"AllergyWarning">;

/** A document of a patient's record (docs/API.md "Documents"): metadata only. */
export type PatientDocument = ApiSchema<"DocumentOut">;

export type DocumentAmend = ApiSchema<"DocumentAmend">;

export type DocumentKind = PatientDocument["kind"];

/** The patient's timeline (docs/API.md "Timeline"): one page and one event of it. */
export type TimelinePage = ApiSchema<"TimelinePage">;

export type TimelineItem = ApiSchema<"TimelineItem">;
/** Intake questionnaires (docs/API.md "Intake questionnaires"). */
export type IntakeQuestion = ApiSchema<"QuestionOut">;
export type IntakeQuestionInput = ApiSchema<"QuestionBody">;
export type QuestionKind = IntakeQuestion["kind"];
export type Intake = ApiSchema<"IntakeOut">;
export type IntakeAnswer = ApiSchema<"AnswerOut">;
export type IntakeAnswersBody = ApiSchema<"AnswersBody">;
export type IntakeTaken = ApiSchema<"TakenOut">;
/** One saved answer set of an appointment's intake (its versions, oldest first). */
export type IntakeResponse = ApiSchema<"ResponseOut">;
export type AnswerValue = ApiSchema<"AnswerIn">["value"];
