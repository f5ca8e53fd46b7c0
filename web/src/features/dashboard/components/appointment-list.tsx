import { CalendarX2 } from "lucide-react";
import { type ReactNode } from "react";
import { Link } from "wouter";

import { EmptyState } from "@/components/empty-state";
import { QueryError } from "@/components/query-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatInstantRange, formatWallClock } from "@/lib/format";

import { appointmentPath, StatusBadge, type Appointment } from "@/features/appointments";

/** A short list of appointments for a dashboard card, in the viewer's zone. */
export function AppointmentList({
  query,
  viewer,
  timeZone,
  empty,
  timesOnly = false,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: { items: Appointment[] } | undefined; refetch: () => unknown };
  viewer: "patient" | "doctor";
  timeZone: string;
  empty: { title: string; description?: ReactNode; action?: ReactNode };
  /** Show only the times (a list of one day); the zone is then named once, below. */
  timesOnly?: boolean;
}) {
  if (query.isPending) {
    return (
      <>
        <p role="status" className="sr-only">
          Loading appointments…
        </p>
        <ul className="grid gap-3" aria-hidden="true">
          {[0, 1, 2].map((i) => (
            <li key={i} className="flex items-center gap-4 rounded-lg border p-4">
              <Skeleton className="size-12 rounded-lg" />
              <div className="grid flex-1 gap-2">
                <Skeleton className="h-4 w-40" />
                <Skeleton className="h-4 w-56 max-w-full" />
              </div>
            </li>
          ))}
        </ul>
      </>
    );
  }
  if (query.isError || query.data === undefined) {
    return (
      <QueryError
        title="Your appointments could not be loaded"
        error={query.error}
        onRetry={() => {
          void query.refetch();
        }}
      />
    );
  }
  if (query.data.items.length === 0) {
    return <EmptyState icon={CalendarX2} {...empty} />;
  }
  return (
    <>
      <ul className="grid gap-3">
        {query.data.items.map((appointment) => {
          const other = viewer === "patient" ? appointment.doctor : appointment.patient;
          return (
            <li key={appointment.id} className="flex items-start gap-4 rounded-lg border p-4">
              <div className="flex size-12 shrink-0 flex-col items-center justify-center rounded-lg bg-accent text-accent-foreground">
                <span className="text-xs leading-none font-medium uppercase">
                  {formatWallClock(appointment.startTime, timeZone, "MMM")}
                </span>
                <span className="text-lg leading-tight font-semibold">
                  {formatWallClock(appointment.startTime, timeZone, "d")}
                </span>
              </div>
              <div className="grid min-w-0 flex-1 gap-0.5">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    href={appointmentPath(appointment.id)}
                    className="font-medium underline-offset-4 hover:underline"
                  >
                    {other.fullName}
                  </Link>
                  <StatusBadge status={appointment.status} />
                </div>
                <p className="text-sm text-muted-foreground">
                  {timesOnly
                    ? `${formatWallClock(appointment.startTime, timeZone, "HH:mm")}–${formatWallClock(appointment.endTime, timeZone, "HH:mm")}`
                    : formatInstantRange(appointment.startTime, appointment.endTime, timeZone)}
                </p>
                {viewer === "patient" && (
                  <p className="text-sm text-muted-foreground">{appointment.doctor.specialization}</p>
                )}
                {viewer === "doctor" && appointment.reason !== null && appointment.reason !== "" && (
                  <p className="truncate text-sm text-muted-foreground">{appointment.reason}</p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {timesOnly && <p className="mt-3 text-xs text-muted-foreground">Times in {timeZone}</p>}
    </>
  );
}
