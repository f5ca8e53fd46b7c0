import { type ReactNode } from "react";
import { ArrowLeft } from "lucide-react";
import { Link, useParams } from "wouter";

import { PageHeader } from "@/components/page-header";
import { PageLoading } from "@/components/page-loading";
import { QueryError } from "@/components/query-state";
import { Button } from "@/components/ui/button";
import { formatInstantRange } from "@/lib/format";

import { useCurrentUser } from "@/features/accounts";
import { useAppointment } from "../api/get-appointment";
import { isActive } from "../api/types";
import { AddToCalendar } from "../components/add-to-calendar";
import { AppointmentItem } from "../components/appointment-item";
import { VisitPlace } from "../components/visit-place";
import { SeriesPanel } from "../components/series-panel";
import { statusExplanation } from "../status";

/**
 * One appointment, for its patient or its doctor (where every email's "View your appointment"
 * leads): when, in the viewer's zone and the clinic's, with whom, its status and what happens
 * next, the actions the lists offer, and "Add to calendar".
 */
export function AppointmentPage({ intake }: { intake?: (appointmentId: number, role: "patient" | "doctor") => ReactNode } = {}) {
  const params = useParams<{ id: string }>();
  const id = Number(params.id);
  const user = useCurrentUser();
  const appointment = useAppointment(id);
  const viewer = user.data;
  if (!viewer) return <PageLoading />;
  const role = viewer.role === "doctor" ? "doctor" : "patient";
  const back = role === "doctor" ? { href: "/agenda", label: "Agenda" } : { href: "/appointments", label: "My appointments" };

  if (appointment.isPending) return <PageLoading />;
  if (appointment.isError) {
    return (
      <section className="mx-auto grid max-w-3xl gap-4">
        <title>Appointment · Clinic360</title>
        <h1 className="text-2xl font-semibold">Appointment</h1>
        <QueryError
          title="This appointment could not be shown"
          error={appointment.error}
          onRetry={() => void appointment.refetch()}
        />
        <BackLink {...back} />
      </section>
    );
  }
  const visit = appointment.data;
  const other = role === "doctor" ? visit.patient.fullName : visit.doctor.fullName;
  const clinicZone = visit.doctor.timezone;
  return (
    <section className="mx-auto grid max-w-3xl gap-4">
      <title>{`Appointment with ${other} · Clinic360`}</title>
      <PageHeader
        className="mb-0"
        title={`Appointment with ${other}`}
        description={statusExplanation(visit.status, role)}
      />
      <AppointmentItem appointment={visit} viewer={viewer} />
      <VisitPlace appointment={visit} />
      {(clinicZone !== viewer.timezone || role === "doctor") && (
        <dl className="grid gap-2 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6">
          {clinicZone !== viewer.timezone && (
            <>
              <dt className="text-muted-foreground">Clinic time</dt>
              <dd className="tabular-nums">{formatInstantRange(visit.startTime, visit.endTime, clinicZone)}</dd>
            </>
          )}
          {role === "doctor" && (
            <>
              <dt className="text-muted-foreground">Patient</dt>
              <dd>
                <Link href={`/patients/${String(visit.patientId)}`} className="text-primary underline-offset-4 hover:underline">
                  {visit.patient.fullName}
                </Link>
              </dd>
            </>
          )}
        </dl>
      )}
      {intake?.(visit.id, role)}
      <SeriesPanel appointment={visit} />
      {isActive(visit) && <AddToCalendar appointment={visit} viewer={role} />}
      <BackLink {...back} />
    </section>
  );
}

function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <div>
      <Button asChild variant="ghost" size="sm">
        <Link href={href}>
          <ArrowLeft aria-hidden="true" />
          {label}
        </Link>
      </Button>
    </div>
  );
}
