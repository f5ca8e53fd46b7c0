import { useState, type SyntheticEvent } from "react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";

import { useCreateScheduleEntry } from "../api/create-schedule-entry";
import { type ScheduleEntry } from "../api/types";
import { formatDate, isEndTime, isStartTime } from "../lib/dates";
import { DeleteEntryButton } from "./delete-entry-button";
import { errorMessage } from "@/components/query-state";

type Field = "date" | "startTime" | "endTime";
type Errors = Partial<Record<Field | "form", string>>;

const SELECT_CLASSES =
  "flex h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 md:text-sm";

/** Dated exceptions: time off (`isAvailable: false`) and extra hours (`true`). */
export function DatedEntries({ entries, today }: { entries: ScheduleEntry[]; today: string }) {
  const [date, setDate] = useState("");
  const [startTime, setStartTime] = useState("00:00");
  const [endTime, setEndTime] = useState("24:00");
  const [kind, setKind] = useState<"off" | "extra">("off");
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateScheduleEntry();

  const dated = entries
    .filter((entry): entry is ScheduleEntry & { date: string } => entry.date !== null)
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) found.date = "Choose a date.";
    if (!isStartTime(startTime)) found.startTime = "Enter a time HH:MM (00:00–23:59).";
    if (!isEndTime(endTime)) found.endTime = "Enter a time HH:MM (or 24:00 for midnight).";
    else if (found.startTime === undefined && endTime <= startTime) found.endTime = "Must be after the start.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { date, startTime, endTime, isAvailable: kind === "extra" },
      {
        onSuccess: () => {
          toast({ title: kind === "extra" ? "Extra hours added" : "Time off added", variant: "success" });
          setDate("");
        },
        onError: (error) => {
          if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
            const { date: d, startTime: s, endTime: e, ...rest } = error.fieldErrors;
            const others = Object.entries(rest).map(([field, message]) => `${field}: ${message}`);
            setErrors({ date: d, startTime: s, endTime: e, form: others.length > 0 ? others.join(" ") : undefined });
            return;
          }
          toast({ title: "Could not add", description: errorMessage(error), variant: "destructive" });
        },
      },
    );
  }

  return (
    <section aria-labelledby="dated-heading" className="grid gap-3">
      <div>
        <h2 id="dated-heading" className="text-lg font-semibold">
          Time off and extra hours
        </h2>
        <p className="text-sm text-muted-foreground">
          Overrides the weekly hours on one date. 00:00–24:00 covers the whole day.
        </p>
      </div>
      <form noValidate onSubmit={onSubmit} className="grid items-start gap-3 rounded-lg border bg-card p-4 sm:grid-cols-5">
        <FormField label="Date" error={errors.date} required>
          {(field) => (
            <Input
              type="date"
              min={today}
              value={date}
              onChange={(event) => {
                setDate(event.target.value);
              }}
              {...field}
            />
          )}
        </FormField>
        <FormField label="From" error={errors.startTime} required>
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
        <FormField label="Until" error={errors.endTime} required>
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
        <Button type="submit" className="sm:mt-7" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add"}
        </Button>
        {errors.form !== undefined && (
          <p role="alert" className="text-sm font-medium text-destructive sm:col-span-5">
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
            const what = `${label} on ${formatDate(entry.date)}, ${entry.startTime}–${entry.endTime}`;
            return (
              <li key={entry.id} className="flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 text-sm">
                <span className="font-medium">{formatDate(entry.date, "EEE d MMM yyyy")}</span>
                <span className="tabular-nums">
                  {entry.startTime}–{entry.endTime}
                </span>
                <Badge variant={entry.isAvailable ? "success" : "warning"}>{label}</Badge>
                <span className="ml-auto">
                  <DeleteEntryButton entryId={entry.id} what={what} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
