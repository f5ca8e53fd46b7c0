import { useState, type SyntheticEvent } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/use-toast";
import { isApiError } from "@/lib/api-client";

import { duplicatesOf, useRegisterPatient } from "../api/register-patient";
import { type PatientCard } from "../api/types";
import { patientLine } from "./patient-finder";

const EMPTY = { fullName: "", email: "", dateOfBirth: "", mobilePhone: "" };

/**
 * Register a walk-in or phone patient (no password: they get an email to claim the account). Patients
 * with the same name and date of birth are shown first; the desk picks one of them or registers anyway.
 */
export function WalkInForm({ onRegistered }: { onRegistered: (patient: PatientCard) => void }) {
  const register = useRegisterPatient();
  const [values, setValues] = useState(EMPTY);
  const [duplicates, setDuplicates] = useState<PatientCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  function send(confirmDuplicate: boolean) {
    setError(null);
    register.mutate(
      {
        fullName: values.fullName,
        email: values.email,
        dateOfBirth: values.dateOfBirth,
        ...(values.mobilePhone.trim() === "" ? {} : { mobilePhone: values.mobilePhone }),
        confirmDuplicate,
      },
      {
        onSuccess: (patient) => {
          toast({ title: `${patient.fullName} registered; an invitation email is on its way` });
          setValues(EMPTY);
          setDuplicates(null);
          onRegistered(patient);
        },
        onError: (failure) => {
          const found = duplicatesOf(failure);
          if (found !== null) setDuplicates(found);
          else setError(isApiError(failure) ? failure.message : "Registration failed. Try again.");
        },
      },
    );
  }

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    send(false);
  }

  const field = (name: keyof typeof EMPTY) => ({
    value: values[name],
    onChange: (e: { target: { value: string } }) => { setValues({ ...values, [name]: e.target.value }); },
  });

  return (
    <form onSubmit={submit} className="grid gap-4" aria-label="Register a walk-in patient">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Full name" required>{(f) => <Input {...f} {...field("fullName")} required />}</FormField>
        <FormField label="Email" required>{(f) => <Input {...f} type="email" {...field("email")} required />}</FormField>
        <FormField label="Date of birth" required>
          {(f) => <Input {...f} type="date" {...field("dateOfBirth")} required />}
        </FormField>
        <FormField label="Mobile number" description="Optional, with country code.">
          {(f) => <Input {...f} type="tel" {...field("mobilePhone")} />}
        </FormField>
      </div>
      <div>
        <Button type="submit" disabled={register.isPending}>Register patient</Button>
      </div>
      {error !== null && (
        <Alert variant="destructive" live>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {duplicates !== null && (
        <Alert live>
          <AlertTitle>Possible duplicate</AlertTitle>
          <AlertDescription>
            <p>Already registered with this name and date of birth:</p>
            <ul className="my-2 grid gap-2">
              {duplicates.map((patient) => (
                <li key={patient.id} className="flex flex-wrap items-center gap-2">
                  {patientLine(patient)}
                  <Button type="button" size="sm" variant="outline" onClick={() => { setDuplicates(null); onRegistered(patient); }}>
                    Use {patient.fullName}
                  </Button>
                </li>
              ))}
            </ul>
            <Button type="button" size="sm" onClick={() => { send(true); }}>
              Register as a new patient anyway
            </Button>
          </AlertDescription>
        </Alert>
      )}
    </form>
  );
}
