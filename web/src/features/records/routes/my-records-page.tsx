import { Download } from "lucide-react";

import { useState } from "react";

import { Button } from "@/components/ui/button";

import { useCurrentUser } from "@/features/accounts";
import { ActingForSelect } from "@/features/family";
import { fhirExportUrl } from "../api/fhir-export";
import { PatientChart } from "../components/chart/patient-chart";
import { DocumentsSection } from "../components/documents/documents-section";
import { forParam } from "./access-log-page";
import { PatientTimeline } from "../components/timeline/patient-timeline";

/** Patient: "Medical records" is their timeline (visits, records with their versions, vitals,
 * documents, list changes, answered intake questionnaires, newest first), then allergies,
 * problems, medications, vitals (with charts), documents, and the FHIR download; all read-only. */
export function MyRecordsPage() {
  const user = useCurrentUser();
  // The patient whose records are shown: me, or someone I act for (family access).
  // a `?for=` link picks them too; the server decides (a booking-only
  // proxy's read is refused, and that refusal is shown).
  const [chosen, setChosen] = useState<number | null>(() => forParam(window.location.search));
  const patientId = chosen ?? user.data?.id;
  const timeZone = user.data?.timezone ?? "UTC";
  const mine = patientId === user.data?.id;

  return (
    <>
      <title>Medical records · Clinic360</title>
      <div className="mx-auto grid max-w-4xl gap-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Medical records</h1>
          {user.data && (
            <Button asChild variant="outline">
              <a href={fhirExportUrl(patientId ?? user.data.id)} download>
                <Download aria-hidden="true" />
                {mine ? "Download my data (FHIR)" : "Download their data (FHIR)"}
              </a>
            </Button>
          )}
        </div>
        {user.data && (
          <ActingForSelect capability="records" value={patientId ?? user.data.id} onChange={(id) => { setChosen(id); }} />
        )}
        {user.data && patientId !== undefined && (
          <PatientTimeline key={`t${String(patientId)}`} patientId={patientId} timeZone={timeZone} appointmentLinks={mine} />
        )}
        {user.data && patientId !== undefined && (
          <PatientChart key={patientId} patientId={patientId} timeZone={timeZone} editable={false} />
        )}
        {user.data && patientId !== undefined && (
          <DocumentsSection key={`d${String(patientId)}`} patientId={patientId} timeZone={timeZone} viewerId={user.data.id} doctor={false} />
        )}
      </div>
    </>
  );
}
