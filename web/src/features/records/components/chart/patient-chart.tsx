import { type ChartListName } from "../../api/types";
import { ChartListSection } from "./chart-list-section";
import { VitalsCharts } from "./vitals-charts";

const ORDER: readonly ChartListName[] = ["allergies", "problems", "medications", "vitals"];

/** The four chart lists of a patient (the vitals with their charts): editable for the doctor,
 * read-only for the patient. */
export function PatientChart({ patientId, timeZone, editable }: { patientId: number; timeZone: string; editable: boolean }) {
  return (
    <>
      {ORDER.map((list) => (
        <ChartListSection key={list} patientId={patientId} list={list} timeZone={timeZone} editable={editable}>
          {list === "vitals" ? (entries) => <VitalsCharts entries={entries} timeZone={timeZone} /> : undefined}
        </ChartListSection>
      ))}
    </>
  );
}
