import { ArrowLeft } from "lucide-react";
import { Link, useParams } from "wouter";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatInstant, formatInstantRange } from "@/lib/format";

import { useCurrentUser } from "@/features/accounts";
import { attendanceText, BookForPatientForm, statusLabel } from "@/features/appointments";
import { usePatient } from "../api/get-patient";
import { useRecords } from "../api/get-records";
import { AddRecordForm } from "../components/add-record-form";
import { ChartSummaryHeader } from "../components/chart/chart-summary-header";
import { PatientChart } from "../components/chart/patient-chart";
import { DocumentsSection } from "../components/documents/documents-section";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { RecordsTimeline } from "../components/records-timeline";
import { PatientTimeline } from "../components/timeline/patient-timeline";

/** Doctor: one patient — the summary header (allergies first), the timeline (visits, records,
 * vitals, documents, list changes, newest first), profile, appointments with me, the chart lists
 * (add, amend) with the vitals charts, documents, and the records (amend, version history). */
export function PatientPage() {
  const params = useParams<{ id: string }>();
  const patientId = Number(params.id);
  const user = useCurrentUser();
  const patient = usePatient(patientId);
  const records = useRecords(Number.isInteger(patientId) ? patientId : undefined);
  const timeZone = user.data?.timezone ?? "UTC";

  return (
    <>
      <title>Patient · Clinic360</title>
      <div className="mx-auto grid max-w-5xl gap-6">
        <Link href="/patients" className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
          <ArrowLeft className="size-4" aria-hidden="true" />
          My patients
        </Link>
        {patient.isPending ? (
          <ListSkeleton label="Loading patient" />
        ) : patient.isError ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">Patient</h1>
            <QueryError error={patient.error} />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">{patient.data.fullName}</h1>
            <ChartSummaryHeader patientId={patientId} timeZone={timeZone} />
            <PatientTimeline patientId={patientId} timeZone={timeZone} appointmentLinks />
            <div className="grid gap-4 md:grid-cols-2">
              <Card>
                <CardHeader>
                  <CardTitle className="text-base">Profile</CardTitle>
                </CardHeader>
                <CardContent>
                  <dl className="grid gap-1 text-sm">
                    <div className="flex gap-2">
                      <dt className="font-medium">Email</dt>
                      <dd>{patient.data.email}</dd>
                    </div>
                    <div className="flex gap-2">
                      <dt className="font-medium">Last visit</dt>
                      <dd>{patient.data.lastVisit === null ? "—" : formatInstant(patient.data.lastVisit, timeZone)}</dd>
                    </div>
                    <div className="flex gap-2">
                      <dt className="font-medium">Next visit</dt>
                      <dd>{patient.data.nextVisit === null ? "—" : formatInstant(patient.data.nextVisit, timeZone)}</dd>
                    </div>
                    <div className="flex gap-2">
                      <dt className="font-medium">Attendance</dt>
                      <dd data-testid="attendance">{attendanceText(patient.data.attendance)}</dd>
                    </div>
                  </dl>
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle className="text-base">Appointments with me</CardTitle>
                </CardHeader>
                <CardContent>
                  <ul className="grid gap-1 text-sm">
                    {patient.data.appointments.map((a) => (
                      <li key={a.id}>
                        {formatInstantRange(a.startTime, a.endTime, timeZone)} · {statusLabel(a.status)}
                      </li>
                    ))}
                  </ul>
                </CardContent>
              </Card>
            </div>
            {user.data !== undefined && user.data !== null && (
              <section aria-labelledby="book-visit-heading" className="grid gap-3">
                <h2 id="book-visit-heading" className="text-lg font-semibold">
                  Book a visit or a series
                </h2>
                <BookForPatientForm patientId={patientId} doctorId={user.data.id} timeZone={timeZone} />
              </section>
            )}
            <PatientChart patientId={patientId} timeZone={timeZone} editable />
            {user.data && (
              <DocumentsSection patientId={patientId} timeZone={timeZone} viewerId={user.data.id} doctor />
            )}
            <section aria-labelledby="add-record-heading" className="grid gap-3">
              <h2 id="add-record-heading" className="text-lg font-semibold">
                Add record
              </h2>
              <AddRecordForm patientId={patientId} appointments={patient.data.appointments} timeZone={timeZone} />
            </section>
            <section aria-labelledby="records-heading" className="grid gap-3">
              <h2 id="records-heading" className="text-lg font-semibold">
                Medical records
              </h2>
              {records.isPending ? (
                <ListSkeleton label="Loading records" />
              ) : records.isError ? (
                <QueryError error={records.error} />
              ) : (
                <RecordsTimeline records={records.data.items} timeZone={timeZone} amendableBy={user.data?.id} />
              )}
            </section>
          </>
        )}
      </div>
    </>
  );
}
