import { useState, type SyntheticEvent } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";

import { useCreateStaff, type StaffInput } from "../api/create-staff";

const EMPTY: StaffInput = { role: "receptionist", username: "", email: "", fullName: "" };

/** Admin: create a receptionist or a manager; they get an email to set their password. */
export function CreateStaffForm() {
  const create = useCreateStaff();
  const [values, setValues] = useState<StaffInput>(EMPTY);
  const [error, setError] = useState<string | null>(null);

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    create.mutate(values, {
      onSuccess: (user) => {
        toast({ title: `${user.fullName} created; an invitation email is on its way` });
        setValues(EMPTY);
      },
      onError: (failure) => { setError(isApiError(failure) ? failure.message : "Could not create the account."); },
    });
  }

  const text = (name: "username" | "email" | "fullName") => ({
    value: values[name],
    onChange: (e: { target: { value: string } }) => { setValues({ ...values, [name]: e.target.value }); },
  });

  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Create a staff account">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Role">
          {(f) => (
            <NativeSelect {...f} value={values.role} onChange={(e) => { setValues({ ...values, role: e.target.value as StaffInput["role"] }); }}>
              <option value="receptionist">Receptionist</option>
              <option value="manager">Clinic manager</option>
            </NativeSelect>
          )}
        </FormField>
        <FormField label="Full name" required>{(f) => <Input {...f} {...text("fullName")} required />}</FormField>
        <FormField label="Username" required>{(f) => <Input {...f} {...text("username")} required />}</FormField>
        <FormField label="Email" required>{(f) => <Input {...f} type="email" {...text("email")} required />}</FormField>
      </div>
      <div>
        <Button type="submit" disabled={create.isPending}>Create staff account</Button>
      </div>
      {error !== null && (
        <Alert variant="destructive" live>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
    </form>
  );
}
