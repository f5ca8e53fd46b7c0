import { useMemo } from "react";

import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";
import { formatWallClock } from "@/lib/format";

import { StatusBadge, type Appointment } from "@/features/appointments";
import { useDeskChange, type DeskChange } from "../api/change-appointment";
import { useDay } from "../api/get-day";

const AGREED = ["scheduled", "confirmed"];

/** Today's appointments (on the desk's clock), one list per doctor, with Check in and No-show. */
export function DayList({ zone }: { zone: string }) {
  const range = useMemo(() => {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    const end = new Date(start.getTime() + 24 * 3600 * 1000);
    return { from: start.toISOString(), to: end.toISOString() };
  }, []);
  const day = useDay(range);
  const change = useDeskChange();
  const byDoctor = useMemo(() => {
    const groups = new Map<number, { doctor: Appointment["doctor"]; visits: Appointment[] }>();
    for (const visit of day.data?.items ?? []) {
      const group = groups.get(visit.doctorId) ?? { doctor: visit.doctor, visits: [] };
      group.visits.push(visit);
      groups.set(visit.doctorId, group);
    }
    return [...groups.values()];
  }, [day.data]);

  function act(visit: Appointment, next: DeskChange, done: string) {
    change.mutate(
      { id: visit.id, change: next },
      {
        onSuccess: () => toast({ title: `${visit.patient.fullName}: ${done}` }),
        onError: (failure) => toast({ title: isApiError(failure) ? failure.message : "That did not work.", variant: "destructive" }),
      },
    );
  }

  if (day.isPending) return <p role="status">Loading today's appointments…</p>;
  if (day.isError) return <p role="alert">Today's appointments could not be loaded.</p>;
  if (byDoctor.length === 0) return <p>No appointments today.</p>;
  return (
    <div className="grid gap-6">
      {byDoctor.map(({ doctor, visits }) => {
        return (
          <section key={doctor.id} aria-labelledby={`doctor-${String(doctor.id)}`}>
            <h3 id={`doctor-${String(doctor.id)}`} className="mb-2 font-semibold">{doctor.fullName}</h3>
            <ul className="grid gap-2">
              {visits.map((visit) => {
                const started = Date.parse(visit.startTime) <= Date.now();
                return (
                  <li key={visit.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-2">
                    <span>
                      {formatWallClock(visit.startTime, zone, "HH:mm")} {visit.patient.fullName}{" "}
                      <StatusBadge status={visit.status} />
                    </span>
                    {AGREED.includes(visit.status) && (
                      <span className="flex gap-2">
                        <Button type="button" size="sm" onClick={() => { act(visit, { status: "arrived" }, "checked in"); }}>
                          Check in {visit.patient.fullName}
                        </Button>
                        {started && (
                          <Button type="button" size="sm" variant="outline" onClick={() => { act(visit, { status: "no_show" }, "marked no-show"); }}>
                            No-show
                          </Button>
                        )}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
