import { type FieldErrors, type FieldValues, type Path, type UseFormRegister } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

interface ClinicalValues {
  diagnosis: string;
  prescription: string;
  notes: string;
}

/** Diagnosis, prescription and notes: the clinical part of the add and amend forms. */
export function ClinicalFields<T extends FieldValues & ClinicalValues>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  const messages = errors as FieldErrors<ClinicalValues>;
  return (
    <>
      <FormField label="Diagnosis" error={messages.diagnosis?.message} required>
        {(field) => <Input {...field} {...register("diagnosis" as Path<T>)} />}
      </FormField>
      <FormField label="Prescription" error={messages.prescription?.message}>
        {(field) => <Textarea rows={3} {...field} {...register("prescription" as Path<T>)} />}
      </FormField>
      <FormField label="Notes" error={messages.notes?.message}>
        {(field) => <Textarea rows={4} {...field} {...register("notes" as Path<T>)} />}
      </FormField>
    </>
  );
}
