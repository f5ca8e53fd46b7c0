import { type Appointment } from "../api/types";

/** The visit type of an appointment: its colour and name (nothing for visits without one). */
export function VisitTypeTag({ visitType }: { visitType: Appointment["visitType"] }) {
  if (visitType === null) return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-sm">
      <span aria-hidden="true" className="size-3 shrink-0 rounded-full border" style={{ backgroundColor: visitType.colour }} />
      {visitType.name}
    </span>
  );
}
