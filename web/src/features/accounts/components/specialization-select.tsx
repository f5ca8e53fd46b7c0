import { type ComponentProps } from "react";

import { NativeSelect } from "@/components/ui/native-select";

import { useSpecializations } from "../api/list-specializations";

export interface CurrentSpecialization {
  id: number;
  name: string;
}

/**
 * A doctor's specialization, picked from the clinic's list (GET /api/specializations); the value
 * is the entry's id. `current` is offered from the first render (so the form's value holds while
 * the list loads) and stays when an admin has retired it, so a doctor who has it can keep it.
 * Options are keyed by id: the current one is the same element before and after the list loads.
 */
export function SpecializationSelect({
  current = null,
  ...props
}: ComponentProps<"select"> & { current?: CurrentSpecialization | null }) {
  const specializations = useSpecializations();
  const listed = specializations.data;
  let entries: CurrentSpecialization[] = listed ?? [];
  if (current !== null && !entries.some((entry) => entry.id === current.id)) {
    // Not (yet) in the list: still loading, or retired.
    const name = listed === undefined ? current.name : `${current.name} (retired)`;
    entries = [{ id: current.id, name }, ...entries];
  }
  let placeholder = "Choose a specialization";
  if (specializations.isPending) placeholder = "Loading…";
  else if (specializations.isError) placeholder = "The list could not be loaded";
  else if (entries.length === 0) placeholder = "No specializations yet";
  return (
    <NativeSelect {...props}>
      <option value="">{placeholder}</option>
      {entries.map((entry) => (
        <option key={entry.id} value={String(entry.id)}>
          {entry.name}
        </option>
      ))}
    </NativeSelect>
  );
}
