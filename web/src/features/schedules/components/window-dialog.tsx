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

import { useCreateScheduleEntry } from "../api/create-schedule-entry";
import { type ScheduleEntry } from "../api/types";
import { useUpdateScheduleEntry } from "../api/update-schedule-entry";
import { isEndTime, isStartTime } from "../lib/dates";
import { errorMessage } from "@/components/query-state";

type Errors = Partial<Record<"startTime" | "endTime" | "form", string>>;

export interface WindowDialogProps {
  /** The weekday (0 = Sunday) the window belongs to. */
  dayOfWeek: number;
  dayName: string;
  /** The entry being edited; undefined to add one. */
  entry: ScheduleEntry | undefined;
  timeZone: string;
  onClose: () => void;
}

function validate(startTime: string, endTime: string): Errors {
  const errors: Errors = {};
  if (!isStartTime(startTime)) errors.startTime = "Enter a time HH:MM (00:00–23:59).";
  if (!isEndTime(endTime)) errors.endTime = "Enter a time HH:MM (or 24:00 for midnight).";
  else if (errors.startTime === undefined && endTime <= startTime) errors.endTime = "Must be after the start.";
  return errors;
}

/** Add or edit one weekly window: start, end, open or closed. */
export function WindowDialog({ dayOfWeek, dayName, entry, timeZone, onClose }: WindowDialogProps) {
  const [startTime, setStartTime] = useState(entry?.startTime ?? "09:00");
  const [endTime, setEndTime] = useState(entry?.endTime ?? "17:00");
  const [isAvailable, setIsAvailable] = useState(entry?.isAvailable ?? true);
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateScheduleEntry();
  const update = useUpdateScheduleEntry();
  const pending = create.isPending || update.isPending;

  function onError(error: unknown) {
    if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
      const { startTime: start, endTime: end, ...rest } = error.fieldErrors;
      const others = Object.entries(rest).map(([field, message]) => `${field}: ${message}`);
      setErrors({ startTime: start, endTime: end, form: others.length > 0 ? others.join(" ") : undefined });
      return;
    }
    toast({ title: "Could not save the window", description: errorMessage(error), variant: "destructive" });
  }

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(startTime, endTime);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = { dayOfWeek, startTime, endTime, isAvailable };
    const onSuccess = () => {
      toast({ title: entry ? "Window updated" : "Window added", variant: "success" });
      onClose();
    };
    if (entry) update.mutate({ id: entry.id, input }, { onSuccess, onError });
    else create.mutate(input, { onSuccess, onError });
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
          <DialogTitle>
            {entry ? "Edit" : "Add"} window · {dayName}
          </DialogTitle>
          <DialogDescription>Every {dayName}, on your clock ({timeZone}).</DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
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
                className="size-4 accent-primary focus-visible:ring-[3px] focus-visible:ring-ring/60"
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
                className="size-4 accent-primary focus-visible:ring-[3px] focus-visible:ring-ring/60"
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
