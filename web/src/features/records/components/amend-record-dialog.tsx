import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactElement } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";
import { applyFieldErrors } from "@/lib/form-errors";

import { useAmendRecord } from "../api/amend-record";
import { type MedicalRecord } from "../api/types";
import { ClinicalFields } from "./clinical-fields";
import { diagnosisField, notesField, orNull, prescriptionField } from "./record-fields";

const schema = z.object({
  diagnosis: diagnosisField,
  prescription: prescriptionField,
  notes: notesField,
  reason: z.string().trim().min(1, "Say why you amend this record").max(500, "At most 500 characters"),
});
type AmendValues = z.infer<typeof schema>;
const FIELDS = ["diagnosis", "prescription", "notes", "reason"] as const;

/** "Amend": edit a record the doctor wrote, with a reason; the server keeps the old version. */
export function AmendRecordDialog({ record, children }: { record: MedicalRecord; children: ReactElement }) {
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const amend = useAmendRecord(record.patientId);
  const form = useForm<AmendValues>({
    resolver: zodResolver(schema),
    values: {
      diagnosis: record.diagnosis,
      prescription: record.prescription ?? "",
      notes: record.notes ?? "",
      reason: "",
    },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await amend.mutateAsync({
        recordId: record.id,
        baseVersion: record.version,
        diagnosis: values.diagnosis,
        prescription: orNull(values.prescription),
        notes: orNull(values.notes),
        reason: values.reason,
      });
      toast({ title: "Record amended", variant: "success" });
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError && error.code === "version_conflict") {
        setFormError("Someone amended this record meanwhile. Close this dialog and open it again.");
        return;
      }
      const rest = applyFieldErrors(error, form.setError, FIELDS);
      setFormError(rest === null || rest.length > 0 ? "The record could not be amended." : null);
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          form.reset();
          setFormError(null);
        }
      }}
    >
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Amend record</DialogTitle>
          <DialogDescription>
            The current version (version {record.version}) stays readable in the history.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
          {formError !== null && (
            <Alert variant="destructive">
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          )}
          <ClinicalFields register={form.register} errors={errors} />
          <FormField label="Reason for the amendment" error={errors.reason?.message} required>
            {(field) => <Input {...field} {...form.register("reason")} />}
          </FormField>
          <DialogFooter>
            <Button type="submit" disabled={isSubmitting}>
              Save amendment
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
