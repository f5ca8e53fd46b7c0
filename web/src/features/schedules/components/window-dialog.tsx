import { useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";

import { useCreateWeeklyEntries } from "../api/create-weekly-entries";
import { type ScheduleEntry } from "../api/types";
import { useUpdateScheduleEntry } from "../api/update-schedule-entry";
import { isEndTime, isStartTime, WEEK_DAYS } from "../lib/dates";
import { mondayFirst, toggleDay, WEEKDAYS } from "../lib/weekly";
import { errorMessage } from "@/components/query-state";

type Errors = Partial<Record<"days" | "startTime" | "endTime" | "form", string>>;

export interface WindowDialogProps {
  /** The entry being edited (one day, PUT); undefined to add a window on the chosen days. */
  entry: ScheduleEntry | undefined;
  /** The days ticked when the dialog opens (0 = Sunday); the entry's own day when editing. */
  initialDays: readonly number[];
  /** Start values when adding, e.g. the window being copied; default 09:00–17:00, open. */
  template?: Pick<ScheduleEntry, "startTime" | "endTime" | "isAvailable"> | undefined;
  /** The dialog's title when adding (default "Add weekly hours"). */
  title?: string | undefined;
  timeZone: string;
  onClose: () => void;
}

const RADIO_CLASSES = "size-4 accent-primary focus-visible:ring-[3px] focus-visible:ring-ring/60";

function validate(startTime: string, endTime: string, days: readonly number[]): Errors {
  const errors: Errors = {};
  if (days.length === 0) errors.days = "Choose at least one day.";
  if (!isStartTime(startTime)) errors.startTime = "Enter a time HH:MM (00:00–23:59).";
  if (!isEndTime(endTime)) errors.endTime = "Enter a time HH:MM (or 24:00 for midnight).";
  else if (errors.startTime === undefined && endTime <= startTime) errors.endTime = "Must be after the start.";
  return errors;
}

function dayName(dayOfWeek: number | null): string {
  return WEEK_DAYS.find((day) => day.dayOfWeek === dayOfWeek)?.name ?? "";
}

/** Add one weekly window on several days at once (all or none), or edit one day's window. */
export function WindowDialog({ entry, initialDays, template, title, timeZone, onClose }: WindowDialogProps) {
  const start = entry ?? template;
  const [startTime, setStartTime] = useState(start?.startTime ?? "09:00");
  const [endTime, setEndTime] = useState(start?.endTime ?? "17:00");
  const [isAvailable, setIsAvailable] = useState(start?.isAvailable ?? true);
  const [days, setDays] = useState<number[]>(() => mondayFirst(initialDays));
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateWeeklyEntries();
  const update = useUpdateScheduleEntry();
  const pending = create.isPending || update.isPending;

  function onError(error: unknown) {
    if (error instanceof ApiError && error.code === "schedule_overlap") {
      setErrors({ days: error.detail ?? "These hours overlap opening hours you already have." });
      return;
    }
    if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
      const { startTime: s, endTime: e, daysOfWeek, ...rest } = error.fieldErrors;
      const others = Object.entries(rest).map(([field, message]) => `${field}: ${message}`);
      setErrors({ days: daysOfWeek, startTime: s, endTime: e, form: others.length > 0 ? others.join(" ") : undefined });
      return;
    }
    toast({ title: "Could not save the window", description: errorMessage(error), variant: "destructive" });
  }

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(startTime, endTime, entry ? [0] : days);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const window = { startTime, endTime, isAvailable };
    if (entry) {
      const input = { dayOfWeek: entry.dayOfWeek ?? 0, ...window };
      update.mutate(
        { id: entry.id, input },
        {
          onSuccess: () => {
            toast({ title: "Window updated", variant: "success" });
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      { daysOfWeek: days, ...window },
      {
        onSuccess: () => {
          const title = days.length === 1 ? "Window added" : `Window added on ${String(days.length)} days`;
          toast({ title, variant: "success" });
          onClose();
        },
        onError,
      },
    );
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{entry ? `Edit window · ${dayName(entry.dayOfWeek)}` : (title ?? "Add weekly hours")}</DialogTitle>
          <DialogDescription>
            {entry
              ? `Every ${dayName(entry.dayOfWeek)}, on your clock (${timeZone}).`
              : `Every week on each day you tick, on your clock (${timeZone}).`}
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          {!entry && (
            <fieldset className="grid gap-2" aria-describedby={errors.days ? "window-days-error" : undefined}>
              <legend className="mb-2 text-sm font-medium">Days</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {WEEK_DAYS.map(({ dayOfWeek, name }) => (
                  <label key={dayOfWeek} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={days.includes(dayOfWeek)}
                      onChange={(event) => {
                        setDays(toggleDay(days, dayOfWeek, event.target.checked));
                      }}
                      className={RADIO_CLASSES}
                    />
                    {name}
                  </label>
                ))}
              </div>
              <div>
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  onClick={() => {
                    setDays([...WEEKDAYS]);
                  }}
                >
                  Weekdays (Mon–Fri)
                </Button>
              </div>
              {errors.days !== undefined && (
                <p id="window-days-error" role="alert" className="text-sm font-medium text-destructive">
                  {errors.days}
                </p>
              )}
            </fieldset>
          )}
          <div className="grid grid-cols-2 gap-4">
            <FormField label="Start" description="HH:MM" error={errors.startTime} required>
              {(field) => (
                <Input
                  inputMode="numeric"
                  placeholder="09:00"
                  value={startTime}
                  onChange={(event) => {
                    setStartTime(event.target.value.trim());
                  }}
                  {...field}
                />
              )}
            </FormField>
            <FormField label="End" description="HH:MM or 24:00" error={errors.endTime} required>
              {(field) => (
                <Input
                  inputMode="numeric"
                  placeholder="17:00"
                  value={endTime}
                  onChange={(event) => {
                    setEndTime(event.target.value.trim());
                  }}
                  {...field}
                />
              )}
            </FormField>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">Status</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="status"
                checked={isAvailable}
                onChange={() => {
                  setIsAvailable(true);
                }}
                className={RADIO_CLASSES}
              />
              Open — patients can book
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="status"
                checked={!isAvailable}
                onChange={() => {
                  setIsAvailable(false);
                }}
                className={RADIO_CLASSES}
              />
              Closed — blocks these hours every week
            </label>
          </fieldset>
          {errors.form !== undefined && (
            <p role="alert" className="text-sm font-medium text-destructive">
              {errors.form}
            </p>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
