import { useState } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useDebouncedValue } from "@/lib/use-debounced-value";

import { usePatientSearch } from "../api/search-patients";
import { type PatientCard } from "../api/types";

/** One line about a patient: name, date of birth, how to reach them. */
export function patientLine(patient: PatientCard): string {
  const born = patient.dateOfBirth === null ? "" : `, born ${patient.dateOfBirth}`;
  const phone = patient.mobilePhone === null ? "" : `, ${patient.mobilePhone}`;
  return `${patient.fullName}${born} — ${patient.email}${phone}`;
}

/** Search as you type (name, email, date of birth YYYY-MM-DD, or mobile number); pick one patient. */
export function PatientFinder({ onSelect }: { onSelect: (patient: PatientCard) => void }) {
  const [q, setQ] = useState("");
  const term = useDebouncedValue(q.trim(), 250);
  const found = usePatientSearch(term);
  const results = term.length >= 2 ? (found.data?.items ?? []) : [];
  return (
    <div className="grid gap-3">
      <FormField label="Find a patient" description="Name, email, date of birth (YYYY-MM-DD) or mobile number.">
        {(field) => (
          <Input {...field} type="search" value={q} autoComplete="off" onChange={(e) => { setQ(e.target.value); }} />
        )}
      </FormField>
      <div aria-live="polite" className="text-sm text-muted-foreground">
        {term.length >= 2 &&
          found.data !== undefined &&
          (found.data.total === 1 ? "1 patient found" : `${String(found.data.total)} patients found`)}
      </div>
      {results.length > 0 && (
        <ul aria-label="Patients found" className="grid gap-2">
          {results.map((patient) => (
            <li key={patient.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-2">
              <span>
                {patientLine(patient)}
                {!patient.claimed && <span className="ml-2 text-xs text-muted-foreground">(invited)</span>}
              </span>
              <Button type="button" size="sm" variant="outline" onClick={() => { onSelect(patient); }}>
                Select {patient.fullName}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
