import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/use-toast";
import { applyFieldErrors } from "@/lib/form-errors";
import { formatInstantRange } from "@/lib/format";

import { statusLabel } from "@/features/appointments";
import { useCreateRecord } from "../api/create-record";
import { type AllergyWarning, type PatientAppointment } from "../api/types";
import { AllergyWarnings } from "./chart/allergy-warnings";
import { ClinicalFields } from "./clinical-fields";
import { diagnosisField, notesField, prescriptionField } from "./record-fields";

const line = (max: number) => z.string().trim().max(max, `At most ${String(max)} characters`);
const schema = z
  .object({
    diagnosis: diagnosisField,
    prescription: prescriptionField,
    notes: notesField,
    appointmentId: z.string(),
    addMedication: z.boolean(),
    medicationName: line(200),
    dose: line(100),
    route: line(100),
    frequency: line(100),
  })
  .refine((v) => !v.addMedication || v.medicationName !== "", {
    path: ["medicationName"],
    message: "Enter the medicine's name",
  });
type AddValues = z.infer<typeof schema>;
const FIELDS = ["diagnosis", "prescription", "notes", "appointmentId"] as const;
const EMPTY: AddValues = {
  diagnosis: "",
  prescription: "",
  notes: "",
  appointmentId: "",
  addMedication: false,
  medicationName: "",
  dose: "",
  route: "",
  frequency: "",
};
const MEDICATION_FIELDS = [
  { name: "dose", label: "Dose", hint: "For example 5 mg" },
  { name: "route", label: "Route", hint: "For example oral" },
  { name: "frequency", label: "Frequency", hint: "For example once daily" },
] as const;

function optional(value: string): string | undefined {
  return value === "" ? undefined : value;
}

/** "Add record" after a visit, optionally tied to one of the doctor's appointments, and
 * optionally adding the prescribed medicine to the medication list in the same step. */
export function AddRecordForm({
  patientId,
  appointments,
  timeZone,
}: {
  patientId: number;
  appointments: PatientAppointment[];
  timeZone: string;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<AllergyWarning[]>([]);
  const create = useCreateRecord(patientId);
  const form = useForm<AddValues>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;
  const visits = appointments.filter((a) => a.status !== "cancelled");
  const addMedication = useWatch({ control: form.control, name: "addMedication" });
  const medicationToggleId = useId();
  const medicationFieldsId = useId();

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setWarnings([]);
    try {
      const written = await create.mutateAsync({
        patientId,
        diagnosis: values.diagnosis,
        prescription: values.prescription.trim() === "" ? undefined : values.prescription,
        notes: values.notes.trim() === "" ? undefined : values.notes,
        appointmentId: values.appointmentId === "" ? undefined : Number(values.appointmentId),
        medication: values.addMedication
          ? {
              name: values.medicationName,
              dose: optional(values.dose),
              route: optional(values.route),
              frequency: optional(values.frequency),
            }
          : undefined,
      });
      form.reset(EMPTY);
      setWarnings(written.warnings ?? []);
      toast({
        title: written.medication ? "Record added, medication added to the list" : "Record added",
        variant: "success",
      });
    } catch (error) {
      const rest = applyFieldErrors(error, form.setError, FIELDS);
      setFormError(rest === null || rest.length > 0 ? "The record could not be saved." : null);
    }
  });

  return (
    <form noValidate aria-label="Add record" onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
      {formError !== null && (
        <Alert variant="destructive">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      )}
      <AllergyWarnings warnings={warnings} onDismiss={() => { setWarnings([]); }} />
      <ClinicalFields register={form.register} errors={errors} />
      <FormField label="Visit" error={errors.appointmentId?.message} description="Optional: the appointment this record belongs to.">
        {(field) => (
          <select
            className="h-10 w-full min-w-0 rounded-md border border-input bg-background px-3 text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/40"
            {...field}
            {...form.register("appointmentId")}
          >
            <option value="">Not tied to a visit</option>
            {visits.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {formatInstantRange(a.startTime, a.endTime, timeZone)} ({statusLabel(a.status)})
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="flex items-center gap-2">
        <input
          id={medicationToggleId}
          type="checkbox"
          className="size-4 accent-primary"
          aria-controls={medicationFieldsId}
          {...form.register("addMedication")}
        />
        <Label htmlFor={medicationToggleId}>Also add a medication to the medication list</Label>
      </div>
      <div id={medicationFieldsId}>
        {addMedication && (
          <fieldset className="grid gap-3 rounded-md border p-3">
            <legend className="px-1 text-sm font-medium">Medication list entry</legend>
            <FormField label="Medicine name" error={errors.medicationName?.message} required>
              {(field) => <Input {...field} {...form.register("medicationName")} />}
            </FormField>
            {MEDICATION_FIELDS.map((m) => (
              <FormField key={m.name} label={m.label} description={m.hint} error={errors[m.name]?.message}>
                {(field) => <Input {...field} {...form.register(m.name)} />}
              </FormField>
            ))}
          </fieldset>
        )}
      </div>
      <div>
        <Button type="submit" disabled={isSubmitting}>
          Add record
        </Button>
      </div>
    </form>
  );
}
