import { useState, type SyntheticEvent } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";

import { useCreateScheduleEntry } from "../api/create-schedule-entry";
import { type ScheduleEntry, type ScheduleEntryInput, type TimeOffHit } from "../api/types";
import { formatDate, formatDateRange, isEndTime, isStartTime } from "../lib/dates";
import { rangeErrors, withFrom, type DateRange } from "../lib/time-off";
import { DeleteEntryButton } from "./delete-entry-button";
import { TimeOffConflictDialog } from "./time-off-conflict-dialog";
import { errorMessage } from "@/components/query-state";

type Field = "date" | "endDate" | "startTime" | "endTime";
type Errors = Partial<Record<Field | "form", string>>;

const SELECT_CLASSES =
  "flex h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 md:text-sm";
const PAST_CODES = new Set(["time_off_in_past", "extra_hours_in_past"]);

/** Dated exceptions over one date or a range: time off (`isAvailable: false`) and extra hours. */
export function DatedEntries({ entries, today, timeZone }: { entries: ScheduleEntry[]; today: string; timeZone: string }) {
  const [range, setRange] = useState<DateRange>({ from: "", to: "", toTouched: false });
  const [wholeDays, setWholeDays] = useState(true);
  const [startTime, setStartTime] = useState("09:00");
  const [endTime, setEndTime] = useState("17:00");
  const [kind, setKind] = useState<"off" | "extra">("off");
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState<{ input: ScheduleEntryInput; hits: TimeOffHit[] } | null>(null);
  const create = useCreateScheduleEntry();

  const dated = entries
    .filter((entry): entry is ScheduleEntry & { date: string } => entry.date !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));

  function onError(error: unknown, input?: ScheduleEntryInput) {
    if (error instanceof ApiError && error.code === "time_off_hits_appointments" && input !== undefined) {
      setConflict({ input, hits: (error.body as { appointments?: TimeOffHit[] }).appointments ?? [] });
      return;
    }
    if (error instanceof ApiError && PAST_CODES.has(error.code)) {
      const what = kind === "extra" ? "Extra hours" : "Time off";
      setErrors({ endDate: `${what} can't end in the past: choose ${formatDate(today)} or later.` });
      return;
    }
    if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
      const { date, endDate, startTime: s, endTime: e, ...rest } = error.fieldErrors;
      const others = Object.entries(rest).map(([field, message]) => `${field}: ${message}`);
      setErrors({ date, endDate, startTime: s, endTime: e, form: others.length > 0 ? others.join(" ") : undefined });
      return;
    }
    toast({ title: "Could not add", description: errorMessage(error), variant: "destructive" });
  }

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = rangeErrors(range);
    const [start, end] = wholeDays ? ["00:00", "24:00"] : [startTime, endTime];
    if (!isStartTime(start)) found.startTime = "Enter a time HH:MM (00:00–23:59).";
    if (!isEndTime(end)) found.endTime = "Enter a time HH:MM (or 24:00 for midnight).";
    else if (found.startTime === undefined && end <= start) found.endTime = "Must be after the start.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = { date: range.from, endDate: range.to, startTime: start, endTime: end, isAvailable: kind === "extra" };
    create.mutate(input, {
      onSuccess: () => {
        toast({ title: kind === "extra" ? "Extra hours added" : "Time off added", variant: "success" });
        setRange({ from: "", to: "", toTouched: false });
      },
      onError: (error) => {
        onError(error, input);
      },
    });
  }

  function cancelCovered(message: string) {
    if (conflict === null) return;
    const count = conflict.hits.length;
    const input = {
      ...conflict.input,
      cancelAppointments: conflict.hits.map((hit) => hit.id),
      ...(message ? { cancellationMessage: message } : {}),
    };
    create.mutate(input, {
      onSuccess: () => {
        setConflict(null);
        toast({
          title: "Time off added",
          description: `${String(count)} ${count === 1 ? "appointment" : "appointments"} cancelled; the patients are emailed.`,
          variant: "success",
        });
        setRange({ from: "", to: "", toTouched: false });
      },
      onError: (error) => {
        setConflict(null);
        onError(error, conflict.input);
      },
    });
  }

  return (
    <section aria-labelledby="dated-heading" className="grid gap-3">
      <div>
        <h2 id="dated-heading" className="text-lg font-semibold">
          Time off and extra hours
        </h2>
        <p className="text-sm text-muted-foreground">
          Overrides the weekly hours from the first to the last date. Untick “Whole days” to set hours, which then
          apply on each of those dates.
        </p>
      </div>
      <form noValidate onSubmit={onSubmit} className="grid items-start gap-3 rounded-lg border bg-card p-4 sm:grid-cols-4">
        <FormField label="From" error={errors.date} required>
          {(field) => (
            <Input
              type="date"
              value={range.from}
              onChange={(event) => {
                setRange(withFrom(range, event.target.value));
              }}
              {...field}
            />
          )}
        </FormField>
        <FormField label="To" error={errors.endDate} required>
          {(field) => (
            <Input
              type="date"
              min={range.from || today}
              value={range.to}
              onChange={(event) => {
                setRange({ ...range, to: event.target.value, toTouched: true });
              }}
              {...field}
            />
          )}
        </FormField>
        <FormField label="Type">
          {(field) => (
            <select
              className={SELECT_CLASSES}
              value={kind}
              onChange={(event) => {
                setKind(event.target.value === "extra" ? "extra" : "off");
              }}
              {...field}
            >
              <option value="off">Time off</option>
              <option value="extra">Extra hours</option>
            </select>
          )}
        </FormField>
        <label className="flex h-10 items-center gap-2 text-sm font-medium sm:self-end">
          <input
            type="checkbox"
            checked={wholeDays}
            onChange={(event) => {
              setWholeDays(event.target.checked);
            }}
            className="size-4 accent-primary focus-visible:ring-[3px] focus-visible:ring-ring/60"
          />
          Whole days
        </label>
        {!wholeDays && (
          <>
            <FormField label="Start time" description="HH:MM, each day" error={errors.startTime} required>
              {(field) => (
                <Input
                  inputMode="numeric"
                  value={startTime}
                  onChange={(event) => {
                    setStartTime(event.target.value.trim());
                  }}
                  {...field}
                />
              )}
            </FormField>
            <FormField label="End time" description="HH:MM or 24:00" error={errors.endTime} required>
              {(field) => (
                <Input
                  inputMode="numeric"
                  value={endTime}
                  onChange={(event) => {
                    setEndTime(event.target.value.trim());
                  }}
                  {...field}
                />
              )}
            </FormField>
          </>
        )}
        <Button type="submit" className="sm:col-start-4 sm:row-start-1 sm:mt-7" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add"}
        </Button>
        {errors.form !== undefined && (
          <p role="alert" className="text-sm font-medium text-destructive sm:col-span-4">
            {errors.form}
          </p>
        )}
      </form>
      {dated.length === 0 ? (
        <p className="text-sm text-muted-foreground">No time off or extra hours planned.</p>
      ) : (
        <ul className="grid gap-2" aria-label="Dated entries">
          {dated.map((entry) => {
            const label = entry.isAvailable ? "Extra hours" : "Time off";
            const several = entry.endDate !== null && entry.endDate !== entry.date;
            const hours = `${entry.startTime}–${entry.endTime}${several ? " each day" : ""}`;
            const when = several
              ? `from ${formatDate(entry.date)} to ${formatDate(entry.endDate ?? entry.date)}`
              : `on ${formatDate(entry.date)}`;
            const what = `${label} ${when}, ${hours}`;
            return (
              <li key={entry.id} className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 text-sm">
                <span className="font-medium">{formatDateRange(entry.date, entry.endDate)}</span>
                <span className="tabular-nums">{hours}</span>
                <Badge variant={entry.isAvailable ? "success" : "warning"}>{label}</Badge>
                <span className="ml-auto">
                  <DeleteEntryButton entryId={entry.id} what={what} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {conflict !== null && (
        <TimeOffConflictDialog
          hits={conflict.hits}
          timeZone={timeZone}
          pending={create.isPending}
          onConfirm={cancelCovered}
          onKeep={() => {
            setConflict(null);
          }}
        />
      )}
    </section>
  );
}
