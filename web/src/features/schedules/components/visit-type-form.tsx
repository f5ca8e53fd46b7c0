import { useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client";

import { BOOKABLE_BY_LABELS, CHANNEL_LABELS, type VisitType, type VisitTypeInput } from "../api/visit-types";

/** The form's text values; numbers are checked on submit (the server checks them again). */
type Values = Record<NumberField, string> & {
  name: string;
  description: string;
  bookableBy: VisitType["bookableBy"];
  channel: VisitType["channel"];
  colour: string;
};

type NumberField =
  | "durationMinutes"
  | "slotGridMinutes"
  | "bufferBeforeMinutes"
  | "bufferAfterMinutes"
  | "minNoticeMinutes"
  | "horizonDays"
  | "cancelNoticeHours"
  | "rescheduleNoticeHours";

/** Each number: its label, range and hint. */
const NUMBERS: { field: NumberField; label: string; min: number; max: number; hint?: string }[] = [
  { field: "durationMinutes", label: "Length (minutes)", min: 5, max: 240 },
  { field: "slotGridMinutes", label: "Start every (minutes)", min: 5, max: 240, hint: "Slot grid from each window's start" },
  { field: "bufferBeforeMinutes", label: "Buffer before (minutes)", min: 0, max: 60 },
  { field: "bufferAfterMinutes", label: "Buffer after (minutes)", min: 0, max: 60 },
  { field: "minNoticeMinutes", label: "Minimum notice (minutes)", min: 0, max: 43200 },
  { field: "horizonDays", label: "Bookable up to (days ahead)", min: 1, max: 730 },
  { field: "cancelNoticeHours", label: "Patients cancel online until (hours before)", min: 0, max: 720 },
  { field: "rescheduleNoticeHours", label: "Patients move online until (hours before)", min: 0, max: 720 },
];

const EMPTY: Values = {
  name: "",
  description: "",
  durationMinutes: "30",
  slotGridMinutes: "30",
  bufferBeforeMinutes: "0",
  bufferAfterMinutes: "0",
  minNoticeMinutes: "0",
  horizonDays: "365",
  cancelNoticeHours: "0",
  rescheduleNoticeHours: "0",
  bookableBy: "anyone",
  channel: "in_person",
  colour: "#2563eb",
};

function valuesOf(type: VisitType | undefined): Values {
  if (type === undefined) return EMPTY;
  const numbers = Object.fromEntries(NUMBERS.map(({ field }) => [field, String(type[field])])) as Record<NumberField, string>;
  return {
    ...numbers,
    name: type.name,
    description: type.description ?? "",
    bookableBy: type.bookableBy,
    channel: type.channel,
    colour: type.colour,
  };
}

export interface VisitTypeFormProps {
  /** The type being edited; none: a new one. */
  visitType?: VisitType;
  pending: boolean;
  /** Resolves when saved; rejects with the server's answer. */
  onSave: (input: VisitTypeInput) => Promise<unknown>;
  onCancel: () => void;
}

/** Add or edit one visit type. Field errors of a 422 are shown under their fields. */
export function VisitTypeForm({ visitType, pending, onSave, onCancel }: VisitTypeFormProps) {
  const [values, setValues] = useState<Values>(() => valuesOf(visitType));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (field: keyof Values) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (values.name.trim() === "") found.name = "Enter a name.";
    for (const { field, min, max } of NUMBERS) {
      const number = Number(values[field]);
      if (values[field].trim() === "" || !Number.isInteger(number) || number < min || number > max) {
        found[field] = `Enter a whole number from ${String(min)} to ${String(max)}.`;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const numbers = Object.fromEntries(NUMBERS.map(({ field }) => [field, Number(values[field])]));
    const input = {
      ...numbers,
      name: values.name.trim(),
      description: values.description.trim() || null,
      bookableBy: values.bookableBy,
      channel: values.channel,
      colour: values.colour,
      active: visitType?.active ?? true,
    } as VisitTypeInput;
    onSave(input).catch((failure: unknown) => {
      if (failure instanceof ApiError && Object.keys(failure.fieldErrors).length > 0) {
        setErrors(failure.fieldErrors);
      } else {
        setErrors({ form: failure instanceof Error ? failure.message : "Could not save." });
      }
    });
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-label={visitType ? `Edit ${visitType.name}` : "New visit type"} className="grid gap-4 rounded-lg border p-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Name" required error={errors.name}>
          {(field) => <Input maxLength={80} value={values.name} onChange={set("name")} {...field} />}
        </FormField>
        <FormField label="Colour" error={errors.colour}>
          {(field) => <Input type="color" value={values.colour} onChange={set("colour")} className="h-10 w-24 p-1" {...field} />}
        </FormField>
        {NUMBERS.map(({ field, label, min, max, hint }) => (
          <FormField key={field} label={label} description={hint} error={errors[field]}>
            {(control) => (
              <Input type="number" inputMode="numeric" min={min} max={max} value={values[field]} onChange={set(field)} {...control} />
            )}
          </FormField>
        ))}
        <FormField label="Who may book online" error={errors.bookableBy}>
          {(field) => (
            <NativeSelect value={values.bookableBy} onChange={set("bookableBy")} {...field}>
              {Object.entries(BOOKABLE_BY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField label="Where" error={errors.channel}>
          {(field) => (
            <NativeSelect value={values.channel} onChange={set("channel")} {...field}>
              {Object.entries(CHANNEL_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
      </div>
      <FormField label="Description (shown to patients)" error={errors.description}>
        {(field) => <Textarea maxLength={500} rows={2} value={values.description} onChange={set("description")} {...field} />}
      </FormField>
      {errors.form !== undefined && (
        <p role="alert" className="text-sm text-destructive">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save visit type"}
        </Button>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
