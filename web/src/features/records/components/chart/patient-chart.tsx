import { lazy, Suspense } from "react";

import { ListSkeleton } from "@/components/query-state";

import { type ChartListName } from "../../api/types";
import { ChartListSection } from "./chart-list-section";

// The chart library is the largest dependency of the web app: loaded with the first chart.
const VitalsCharts = lazy(() => import("./vitals-charts").then((m) => ({ default: m.VitalsCharts })));

const ORDER: readonly ChartListName[] = ["allergies", "problems", "medications", "vitals"];

/** The four chart lists of a patient (the vitals with their charts): editable for the doctor,
 * read-only for the patient. */
export function PatientChart({ patientId, timeZone, editable }: { patientId: number; timeZone: string; editable: boolean }) {
  return (
    <>
      {ORDER.map((list) => (
        <ChartListSection key={list} patientId={patientId} list={list} timeZone={timeZone} editable={editable}>
          {list === "vitals"
            ? (entries) => (
                <Suspense fallback={<ListSkeleton label="Loading charts" rows={1} />}>
                  <VitalsCharts entries={entries} timeZone={timeZone} />
                </Suspense>
              )
            : undefined}
        </ChartListSection>
      ))}
    </>
  );
}
