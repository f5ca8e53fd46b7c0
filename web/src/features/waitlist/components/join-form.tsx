import { useState } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useDoctor, useDoctorVisitTypes } from "@/features/schedules";
import { ApiError } from "@/lib/api-client";
import { errorMessage } from "@/components/query-state";

import { useJoinWaitlist } from "../api/join-waitlist";
import { PARTS_OF_DAY, type PartOfDay } from "../api/types";

type Field = "dateFrom" | "dateTo" | "parts" | "visitTypeId";

function isoDay(offset: number): string {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  return day.toISOString().slice(0, 10);
}

/** Join one doctor's waiting list: visit type, dates and parts of the day (their clock). */
export function JoinForm({
  doctorId,
  patientId,
  onJoined,
}: {
  doctorId: number;
  /** A patient the caller acts for (family access); the caller when undefined. */
  patientId?: number;
  onJoined: () => void;
}) {
  const doctor = useDoctor(doctorId);
  const types = useDoctorVisitTypes(doctorId);
  const join = useJoinWaitlist();
  const [visitTypeId, setVisitTypeId] = useState("");
  const [dateFrom, setDateFrom] = useState(isoDay(0));
  const [dateTo, setDateTo] = useState(isoDay(14));
  const [parts, setParts] = useState<PartOfDay[]>(["morning", "afternoon", "evening"]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const name = doctor.data?.fullName ?? "this doctor";
  const zone = doctor.data?.timezone ?? "";

  return (
    <form
      noValidate
      aria-label={`Join the waiting list of ${name}`}
      className="grid gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        setFormError(null);
        const found: Partial<Record<Field, string>> = {};
        if (dateFrom === "") found.dateFrom = "Choose the first day";
        if (dateTo === "") found.dateTo = "Choose the last day";
        else if (dateTo < dateFrom) found.dateTo = "The last day cannot be before the first";
        if (parts.length === 0) found.parts = "Choose at least one part of the day";
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        join.mutate(
          { doctorId, patientId: patientId ?? null, visitTypeId: visitTypeId === "" ? null : Number(visitTypeId), dateFrom, dateTo, parts },
          {
            onSuccess: onJoined,
            onError: (error) => {
              const fields = error instanceof ApiError ? error.fieldErrors : {};
              if (Object.keys(fields).length > 0) setErrors(fields);
              else setFormError(errorMessage(error));
            },
          },
        );
      }}
    >
      <h2 className="text-lg font-semibold">Wait for an earlier time with {name}</h2>
      {formError !== null && (
        <Alert variant="destructive">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      )}
      {types.data !== undefined && types.data.length > 1 && (
        <FormField label="Visit type" error={errors.visitTypeId}>
          {(field) => (
            <NativeSelect {...field} value={visitTypeId} onChange={(event) => { setVisitTypeId(event.target.value); }}>
              <option value="">The usual visit</option>
              {types.data.map((type) => (
                <option key={type.id} value={type.id}>{type.name}</option>
              ))}
            </NativeSelect>
          )}
        </FormField>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="From" error={errors.dateFrom} required>
          {(field) => <Input {...field} type="date" value={dateFrom} onChange={(event) => { setDateFrom(event.target.value); }} />}
        </FormField>
        <FormField label="Until" error={errors.dateTo} required>
          {(field) => <Input {...field} type="date" value={dateTo} onChange={(event) => { setDateTo(event.target.value); }} />}
        </FormField>
      </div>
      <fieldset className="grid gap-2" aria-describedby={errors.parts !== undefined ? "parts-error" : undefined}>
        <legend className="text-sm font-medium">
          Parts of the day{zone !== "" ? ` (on the clinic's clock, ${zone})` : ""}
        </legend>
        {PARTS_OF_DAY.map((part) => (
          <label key={part.value} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={parts.includes(part.value)}
              onChange={(event) => {
                setParts((now) =>
                  event.target.checked ? [...now, part.value] : now.filter((value) => value !== part.value),
                );
              }}
            />
            {part.label} <span className="text-muted-foreground">({part.hint})</span>
          </label>
        ))}
        {errors.parts !== undefined && (
          <p id="parts-error" className="text-sm text-destructive">{errors.parts}</p>
        )}
      </fieldset>
      <Button type="submit" className="w-fit" disabled={join.isPending}>
        Join the waiting list
      </Button>
    </form>
  );
}
