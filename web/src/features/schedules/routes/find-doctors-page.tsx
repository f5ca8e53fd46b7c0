import { useState } from "react";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

import { browserTimeZone, useCurrentUser, useSpecializations } from "@/features/accounts";
import { useDoctors } from "../api/get-doctors";
import { DoctorCard } from "../components/doctor-card";
import { ListSkeleton, QueryError } from "@/components/query-state";
import { useDebouncedValue } from "@/lib/use-debounced-value";

/** Patients and guests: "Find a doctor" by specialization and name, with each doctor's next free
 * slot (a guest's times are on this browser's clock). */
export function FindDoctorsPage() {
  const user = useCurrentUser();
  const [specialization, setSpecialization] = useState("");
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  // The clinic's list: one entry per specialty, however doctors once spelt it.
  const specializations = useSpecializations();
  const doctors = useDoctors({ specializationId: specialization === "" ? null : Number(specialization), q });
  const timeZone = user.data?.timezone ?? browserTimeZone();

  return (
    <>
      <title>Find a doctor · Clinic360</title>
      <div className="mx-auto grid max-w-5xl grid-cols-1 gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Find a doctor</h1>
          <p className="text-sm text-muted-foreground">Times are shown in your time zone: {timeZone}.</p>
        </div>
        <div role="search" className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <FormField label="Specialization">
            {(field) => (
              <NativeSelect
                value={specialization}
                onChange={(event) => {
                  setSpecialization(event.target.value);
                }}
                {...field}
              >
                <option value="">All specializations</option>
                {(specializations.data ?? []).map((entry) => (
                  <option key={entry.id} value={String(entry.id)}>
                    {entry.name}
                  </option>
                ))}
              </NativeSelect>
            )}
          </FormField>
          <FormField label="Doctor's name">
            {(field) => (
              <Input
                type="search"
                value={search}
                onChange={(event) => {
                  setSearch(event.target.value);
                }}
                {...field}
              />
            )}
          </FormField>
        </div>
        {doctors.isPending ? (
          <ListSkeleton label="Loading doctors" />
        ) : doctors.isError ? (
          <QueryError error={doctors.error} />
        ) : doctors.data.length === 0 ? (
          <p className="rounded-lg border border-dashed p-8 text-center text-muted-foreground">
            No doctors match your search.
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" aria-label="Doctors" aria-busy={doctors.isPlaceholderData}>
            {doctors.data.map((doctor) => (
              <li key={doctor.id}>
                <DoctorCard doctor={doctor} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
