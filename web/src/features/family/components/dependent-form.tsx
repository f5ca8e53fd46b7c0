import { useState } from "react";

import { errorMessage } from "@/components/query-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ApiError } from "@/lib/api-client";

import { useAddDependent } from "../api/add-dependent";
import { RELATIONSHIPS, type Relationship } from "../api/types";

type Field = "fullName" | "dateOfBirth" | "relationship";

/** Add a dependent: name, date of birth, relationship. */
export function DependentForm() {
  const add = useAddDependent();
  const [fullName, setFullName] = useState("");
  const [dateOfBirth, setDateOfBirth] = useState("");
  const [relationship, setRelationship] = useState<Relationship>("child");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label="Add a dependent"
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        setFormError(null);
        setAdded(null);
        const found: Partial<Record<Field, string>> = {};
        if (fullName.trim() === "") found.fullName = "Enter their name";
        if (dateOfBirth === "") found.dateOfBirth = "Enter their date of birth";
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        add.mutate(
          { fullName: fullName.trim(), dateOfBirth, relationship },
          {
            onSuccess: (dependent) => {
              setAdded(dependent.fullName);
              setFullName("");
              setDateOfBirth("");
            },
            onError: (error) => {
              const fields = error instanceof ApiError ? error.fieldErrors : {};
              if (Object.keys(fields).length > 0) setErrors(fields);
              else setFormError(errorMessage(error));
            },
          },
        );
      }}
    >
      {formError !== null && (
        <Alert variant="destructive">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      )}
      {added !== null && (
        <p role="status" className="text-sm">
          {added} was added. Choose them under “Acting for” when you book or read records.
        </p>
      )}
      <FormField label="Full name" error={errors.fullName} required>
        {(field) => <Input {...field} value={fullName} onChange={(e) => { setFullName(e.target.value); }} />}
      </FormField>
      <FormField label="Date of birth" error={errors.dateOfBirth} required>
        {(field) => (
          <Input {...field} type="date" value={dateOfBirth} onChange={(e) => { setDateOfBirth(e.target.value); }} />
        )}
      </FormField>
      <FormField label="Relationship to you" error={errors.relationship}>
        {(field) => (
          <NativeSelect
            {...field}
            value={relationship}
            onChange={(e) => { setRelationship(e.target.value as Relationship); }}
          >
            {RELATIONSHIPS.map((item) => (
              <option key={item.value} value={item.value}>{item.label}</option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <Button type="submit" className="justify-self-start" disabled={add.isPending}>
        Add dependent
      </Button>
    </form>
  );
}
