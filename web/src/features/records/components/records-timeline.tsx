import { type MedicalRecord } from "../api/types";
import { RecordCard } from "./record-card";

/** Records newest first, as the API returns them. */
export function RecordsTimeline({
  records,
  timeZone,
  amendableBy,
}: {
  records: MedicalRecord[];
  timeZone: string;
  /** The doctor who may amend their own records here (none for patients). */
  amendableBy?: number | undefined;
}) {
  if (records.length === 0) {
    return <p className="text-muted-foreground">No medical records yet.</p>;
  }
  return (
    <ol aria-label="Medical records, newest first" className="grid gap-4">
      {records.map((record) => (
        <li key={record.id}>
          <RecordCard record={record} timeZone={timeZone} canAmend={record.doctorId === amendableBy} />
        </li>
      ))}
    </ol>
  );
}
