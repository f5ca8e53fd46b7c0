import { CalendarPlus } from "lucide-react";
import { useMemo, useState } from "react";
import { Link } from "wouter";

import { PageLoading } from "@/components/page-loading";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

import { useCurrentUser } from "@/features/accounts";
import { ActingForSelect } from "@/features/family";
import { AppointmentList } from "../components/appointment-list";
import { CalendarSubscription } from "../components/calendar-subscription";

type Tab = "upcoming" | "past";

/** The patient's appointments: upcoming (not yet ended) and past, with cancel and reschedule. */
export function MyAppointmentsPage() {
  const user = useCurrentUser();
  const [tab, setTab] = useState<Tab>("upcoming");
  // Whose appointments: mine, or those of someone I act for (family access).
  const [patientId, setPatientId] = useState<number | null>(null);
  const acting = patientId !== null && patientId !== user.data?.id ? { patientId } : {};
  // One "now" per visit, so the two tabs split the list at the same moment.
  const now = useMemo(() => new Date().toISOString(), []);
  if (!user.data) return <PageLoading />;
  return (
    <section className="mx-auto grid max-w-3xl gap-4">
      <title>My appointments · Clinic360</title>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">My appointments</h1>
        <div className="flex flex-wrap gap-2">
          <Button asChild size="sm">
            <Link href="/doctors">
              <CalendarPlus aria-hidden="true" />
              Book appointment
            </Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <a href="/api/appointments.ics" download>
              Calendar feed (.ics)
            </a>
          </Button>
        </div>
      </div>
      <ActingForSelect capability="appointments" value={patientId ?? user.data.id} onChange={(id) => { setPatientId(id); }} />
      <p className="text-sm text-muted-foreground">Times in your time zone, {user.data.timezone}.</p>
      <div role="tablist" aria-label="Appointments" className="flex gap-2 border-b">
        {(["upcoming", "past"] as const).map((id) => (
          <button
            key={id}
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60",
              tab === id ? "border-primary" : "border-transparent text-muted-foreground",
            )}
            onClick={() => { setTab(id); }}
          >
            {id === "upcoming" ? "Upcoming" : "Past"}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "upcoming" ? (
          <AppointmentList
            viewer={user.data}
            filters={{ from: now, limit: 500, ...acting }}
            label="Upcoming appointments"
            empty="No upcoming appointments."
          />
        ) : (
          <AppointmentList
            viewer={user.data}
            filters={{ to: now, limit: 500, ...acting }}
            label="Past appointments"
            empty="No past appointments."
            newestFirst
          />
        )}
      </div>
      <CalendarSubscription zone={user.data.timezone} />
    </section>
  );
}
