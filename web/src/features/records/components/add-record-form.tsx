import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { toast } from "@/components/ui/use-toast";
import { applyFieldErrors } from "@/lib/form-errors";
import { formatInstantRange } from "@/lib/format";

import { statusLabel } from "@/features/appointments";
import { useCreateRecord } from "../api/create-record";
import { type AllergyWarning, type PatientAppointment } from "../api/types";
import { AllergyWarnings } from "./chart/allergy-warnings";
import { ClinicalFields } from "./clinical-fields";
import { diagnosisField, notesField, prescriptionField } from "./record-fields";

const schema = z.object({
  diagnosis: diagnosisField,
  prescription: prescriptionField,
  notes: notesField,
  appointmentId: z.string(),
});
type AddValues = z.infer<typeof schema>;
const FIELDS = ["diagnosis", "prescription", "notes", "appointmentId"] as const;
const EMPTY: AddValues = { diagnosis: "", prescription: "", notes: "", appointmentId: "" };

/** "Add record" after a visit, optionally tied to one of the doctor's appointments. */
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
      });
      form.reset(EMPTY);
      setWarnings(written.warnings ?? []);
      toast({ title: "Record added", variant: "success" });
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
      <div>
        <Button type="submit" disabled={isSubmitting}>
          Add record
        </Button>
      </div>
    </form>
  );
}
