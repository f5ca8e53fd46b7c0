import { ChevronLeft, ChevronRight } from "lucide-react";
import { useState } from "react";
import { Link, useLocation, useParams } from "wouter";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError } from "@/lib/api-client";
import { clinicTimeParts } from "@/lib/format";
import { languageName } from "@/lib/languages";

import { browserTimeZone, useCurrentUser } from "@/features/accounts";
import { useDoctor } from "../api/get-doctor";
import { useDoctorSlots } from "../api/get-doctor-slots";
import { type Slot } from "../api/types";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { addDays, formatDate, todayIn, zonedParts } from "../lib/dates";

const WEEK = 7;

function bookingHref(doctorId: number, slot: Slot): string {
  const query = new URLSearchParams({ start: slot.startTime, end: slot.endTime });
  return `/book/${String(doctorId)}?${query.toString()}`;
}

/** Patients and guests: one doctor and their free slots, a week at a time (dates on the doctor's
 * clock); a time opens the booking page, where a guest signs in at the confirm step. */
export function DoctorPage() {
  const params = useParams<{ id: string }>();
  const doctorId = Number(params.id);
  const user = useCurrentUser();
  const doctor = useDoctor(doctorId);
  const [, navigate] = useLocation();
  const [weekOffset, setWeekOffset] = useState(0);

  const doctorZone = doctor.data?.timezone;
  const firstDay = doctorZone === undefined ? undefined : addDays(todayIn(doctorZone), weekOffset * WEEK);
  const lastDay = firstDay === undefined ? undefined : addDays(firstDay, WEEK - 1);
  const range = firstDay === undefined || lastDay === undefined ? null : { from: firstDay, to: lastDay };
  const slots = useDoctorSlots(doctorId, range);
  const myZone = user.data?.timezone ?? browserTimeZone();

  const days =
    firstDay === undefined ? [] : Array.from({ length: WEEK }, (_, index) => addDays(firstDay, index));
  const byDay = new Map<string, { slot: Slot; time: string; myTime: string | null }[]>();
  if (doctorZone !== undefined) {
    for (const slot of slots.data ?? []) {
      const { date } = zonedParts(slot.startTime, doctorZone);
      const { time, yours } = clinicTimeParts(slot.startTime, doctorZone, myZone);
      const list = byDay.get(date) ?? [];
      list.push({ slot, time, myTime: yours });
      byDay.set(date, list);
    }
  }

  return (
    <>
      <title>{`${doctor.data?.fullName ?? "Doctor"} · Clinic360`}</title>
      <div className="mx-auto grid max-w-5xl gap-6">
        <Link href="/doctors" className="w-fit rounded-sm text-sm text-muted-foreground underline-offset-4 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/60">
          ← All doctors
        </Link>
        {Number.isNaN(doctorId) ? (
          <QueryError error={new ApiError(404, {})} />
        ) : doctor.isPending ? (
          <div role="status" aria-label="Loading doctor" className="grid gap-2">
            <Skeleton className="h-8 w-64" />
            <Skeleton className="h-5 w-40" />
          </div>
        ) : doctor.isError ? (
          <QueryError error={doctor.error} />
        ) : (
          <>
            <header className="grid gap-2">
              <h1 className="text-2xl font-semibold tracking-tight">{doctor.data.fullName}</h1>
              <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                <Badge variant="secondary">{doctor.data.specialization}</Badge>
                <span>Time zone: {doctor.data.timezone}</span>
                <span>· {doctor.data.slotMinutes}-minute appointments</span>
              </div>
              {(doctor.data.address !== null || doctor.data.languages.length > 0 || doctor.data.bio !== null) && (
                <dl aria-label="About the doctor" className="grid gap-2 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6">
                  {doctor.data.address !== null && (
                    <>
                      <dt className="text-muted-foreground">Address</dt>
                      <dd>{doctor.data.address}</dd>
                    </>
                  )}
                  {doctor.data.languages.length > 0 && (
                    <>
                      <dt className="text-muted-foreground">Languages</dt>
                      <dd>
                        <ul aria-label="Languages spoken" className="flex flex-wrap gap-x-2">
                          {doctor.data.languages.map((code, index) => (
                            <li key={code}>{languageName(code)}{index < doctor.data.languages.length - 1 ? "," : ""}</li>
                          ))}
                        </ul>
                      </dd>
                    </>
                  )}
                  {doctor.data.bio !== null && (
                    <>
                      <dt className="text-muted-foreground">About</dt>
                      <dd className="whitespace-pre-line">{doctor.data.bio}</dd>
                    </>
                  )}
                </dl>
              )}
              <Link
                href={`/waitlist?doctor=${String(doctorId)}`}
                className="w-fit text-sm text-primary underline-offset-4 hover:underline"
              >
                No time that suits you? Join the waiting list
              </Link>
            </header>
            <section aria-labelledby="slots-heading" className="grid gap-4">
              <div className="flex flex-wrap items-center gap-3">
                <h2 id="slots-heading" className="text-lg font-semibold">
                  Free slots
                  {firstDay !== undefined && lastDay !== undefined && (
                    <span className="block text-sm font-normal text-muted-foreground">
                      {formatDate(firstDay, "EEE d MMM")} – {formatDate(lastDay, "EEE d MMM yyyy")}, times in{" "}
                      {doctor.data.timezone} (the doctor's time zone)
                    </span>
                  )}
                </h2>
                <div className="ml-auto flex gap-2">
                  <Button
                    variant="outline"
                    disabled={weekOffset === 0}
                    onClick={() => {
                      setWeekOffset((offset) => Math.max(0, offset - 1));
                    }}
                  >
                    <ChevronLeft aria-hidden="true" />
                    Previous week
                  </Button>
                  <Button
                    variant="outline"
                    onClick={() => {
                      setWeekOffset((offset) => offset + 1);
                    }}
                  >
                    Next week
                    <ChevronRight aria-hidden="true" />
                  </Button>
                </div>
              </div>
              {slots.isPending ? (
                <ListSkeleton label="Loading free slots" />
              ) : slots.isError ? (
                <QueryError error={slots.error} />
              ) : slots.data.length === 0 ? (
                <p className="rounded-lg border border-dashed p-8 text-center text-muted-foreground">
                  No free slots this week
                </p>
              ) : (
                <ul className="grid gap-4" aria-busy={slots.isPlaceholderData}>
                  {days.map((day) => {
                    const daySlots = byDay.get(day) ?? [];
                    if (daySlots.length === 0) return null;
                    const dayLabel = formatDate(day);
                    return (
                      <li key={day} className="grid gap-2">
                        <h3 className="text-sm font-semibold">{dayLabel}</h3>
                        <ul className="flex flex-wrap gap-2" aria-label={`Free slots on ${dayLabel}`}>
                          {daySlots.map(({ slot, time, myTime }) => (
                            <li key={slot.startTime}>
                              <Button
                                variant="outline"
                                size="sm"
                                className="tabular-nums"
                                aria-label={`Book ${dayLabel} at ${time} (${doctor.data.timezone})${myTime !== null ? `, ${myTime} your time (${myZone})` : ""}`}
                                onClick={() => {
                                  navigate(bookingHref(doctorId, slot));
                                }}
                              >
                                {time}
                                {myTime !== null && <span className="text-xs text-muted-foreground">({myTime} yours)</span>}
                              </Button>
                            </li>
                          ))}
                        </ul>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          </>
        )}
      </div>
    </>
  );
}
