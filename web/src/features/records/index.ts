// The public surface of the records feature: other features import only from here.
export { AccessLogPage } from "./routes/access-log-page";
export { MyPatientsPage } from "./routes/my-patients-page";
export { MyRecordsPage } from "./routes/my-records-page";
export { PatientPage } from "./routes/patient-page";
export type { AccessEvent, AccessGroup, MedicalRecord, Patient, PatientListItem, RecordVersion } from "./api/types";
export { IntakePanel, LinkIntakePanel } from "./components/intake/intake-panel";
export { VisitTypeQuestions } from "./components/intake/intake-questions-editor";
