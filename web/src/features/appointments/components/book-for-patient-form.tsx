import { TZDate } from "@date-fns/tz";
import { useState, type SyntheticEvent } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";
import { formatInstantRange } from "@/lib/format";

import { useMyVisitTypes, type Slot } from "@/features/schedules";
import { useBookForPatient } from "../api/book-for-patient";
import { useBookSeries } from "../api/book-series";
import { seriesConflictsOf, type SeriesConflict } from "../api/series-types";
import { alternativesOf } from "./alternatives";

/** `YYYY-MM-DD` and `HH:mm` on the clock of `zone`, as an ISO instant. */
export function wallClockInstant(date: string, time: string, zone: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, day, hour, minute, 0, zone).getTime()).toISOString();
}

const PROBLEM_LABELS: Record<SeriesConflict["problem"], string> = {
  slot_taken: "already taken",
  outside_availability: "outside your hours",
};

/**
 * Doctor, on a patient's page: book a visit with me for this patient, or a series (every N
 * weeks, same time on my clock). A refused series lists each date that is not free, with its
 * nearest free times; nothing is booked then.
 */
export function BookForPatientForm({
  patientId,
  doctorId,
  timeZone,
}: {
  patientId: number;
  doctorId: number;
  timeZone: string;
}) {
  const types = useMyVisitTypes();
  const single = useBookForPatient(doctorId);
  const series = useBookSeries(doctorId);
  const [visitTypeId, setVisitTypeId] = useState("");
  const [date, setDate] = useState("");
  const [time, setTime] = useState("09:00");
  const [everyWeeks, setEveryWeeks] = useState("1");
  const [count, setCount] = useState("1");
  const [conflicts, setConflicts] = useState<SeriesConflict[] | null>(null);
  const [taken, setTaken] = useState<Slot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = (types.data ?? []).filter((type) => type.active);
  const occurrences = Number(count);
  const isSeries = occurrences > 1;
  const pending = single.isPending || series.isPending;

  function fail(failure: unknown) {
    const refused = seriesConflictsOf(failure);
    const alternatives = alternativesOf(failure);
    if (refused !== null) setConflicts(refused);
    else if (alternatives !== null) setTaken(alternatives);
    else setError(isApiError(failure) ? failure.message : "Booking failed. Try again.");
  }

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setConflicts(null);
    setTaken(null);
    setError(null);
    if (date === "" || time === "") {
      setError("Pick a date and a time.");
      return;
    }
    const base = {
      patientId,
      startTime: wallClockInstant(date, time, timeZone),
      ...(visitTypeId === "" ? {} : { visitTypeId: Number(visitTypeId) }),
    };
    if (isSeries) {
      series.mutate(
        { ...base, everyWeeks: Number(everyWeeks), count: occurrences },
        {
          onSuccess: (booked) => toast({ title: `${String(booked.occurrences.length)} visits booked` }),
          onError: fail,
        },
      );
    } else {
      single.mutate(base, { onSuccess: () => toast({ title: "Visit booked" }), onError: fail });
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Book a visit for this patient">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Visit type">
          {(field) => (
            <NativeSelect {...field} value={visitTypeId} onChange={(e) => { setVisitTypeId(e.target.value); }}>
              <option value="">Default type</option>
              {active.map((type) => (
                <option key={type.id} value={String(type.id)}>
                  {type.name} ({type.durationMinutes} min)
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField label="Date" required>
          {(field) => <Input type="date" {...field} value={date} onChange={(e) => { setDate(e.target.value); }} />}
        </FormField>
        <FormField label="Time" description={`On your clock (${timeZone}).`} required>
          {(field) => <Input type="time" step={300} {...field} value={time} onChange={(e) => { setTime(e.target.value); }} />}
        </FormField>
        <FormField label="Occurrences" description="1 for a single visit; more books a series.">
          {(field) => (
            <Input type="number" min={1} max={52} {...field} value={count} onChange={(e) => { setCount(e.target.value); }} />
          )}
        </FormField>
        {isSeries && (
          <FormField label="Repeat every (weeks)">
            {(field) => (
              <Input
                type="number"
                min={1}
                max={52}
                {...field}
                value={everyWeeks}
                onChange={(e) => { setEveryWeeks(e.target.value); }}
              />
            )}
          </FormField>
        )}
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {isSeries ? "Book a series" : "Book a visit"}
        </Button>
      </div>
      {error !== null && (
        <Alert variant="destructive" live>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {taken !== null && (
        <Alert live>
          <AlertTitle>That time is not free</AlertTitle>
          <AlertDescription>
            <FreeTimes slots={taken} timeZone={timeZone} />
          </AlertDescription>
        </Alert>
      )}
      {conflicts !== null && (
        <Alert live>
          <AlertTitle>Nothing was booked: these dates are not free</AlertTitle>
          <AlertDescription>
            <ul aria-label="Conflicting dates" className="grid gap-2">
              {conflicts.map((conflict) => (
                <li key={conflict.startTime}>
                  <span className="font-medium">{formatInstantRange(conflict.startTime, conflict.endTime, timeZone)}</span>{" "}
                  — {PROBLEM_LABELS[conflict.problem]}.
                  <FreeTimes slots={conflict.alternatives} timeZone={timeZone} />
                </li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      )}
    </form>
  );
}

function FreeTimes({ slots, timeZone }: { slots: Slot[]; timeZone: string }) {
  if (slots.length === 0) return <p>No free time nearby.</p>;
  return (
    <p>
      Nearest free times: {slots.map((slot) => formatInstantRange(slot.startTime, slot.endTime, timeZone)).join("; ")}
    </p>
  );
}
