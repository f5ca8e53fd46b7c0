import { useState } from "react";

import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useDebouncedValue } from "@/lib/use-debounced-value";

import { useCurrentUser } from "@/features/accounts";
import { usePatients } from "../api/get-patients";
import { PatientsTable } from "../components/patients-table";
import { ListSkeleton, QueryError } from "@/components/query-state";

/** Doctor: "My patients" — everyone with a non-cancelled appointment, searchable. */
export function MyPatientsPage() {
  const user = useCurrentUser();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 300);
  const patients = usePatients(q);
  const timeZone = user.data?.timezone ?? "UTC";

  return (
    <>
      <title>My patients · Clinic360</title>
      <div className="mx-auto grid max-w-5xl gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">My patients</h1>
        <div role="search">
          <FormField label="Search patients" description="Name, email or username.">
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
        {patients.isPending ? (
          <ListSkeleton label="Loading patients" />
        ) : patients.isError ? (
          <QueryError error={patients.error} />
        ) : (
          <PatientsTable patients={patients.data.items} timeZone={timeZone} />
        )}
      </div>
    </>
  );
}
