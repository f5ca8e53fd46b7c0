import { useId } from "react";

import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

import { useFamily } from "../api/get-family";
import { type ActingFor, type Capability } from "../api/types";

function optionLabel(person: ActingFor): string {
  if (person.via === "self") return `Myself (${person.fullName})`;
  return `${person.fullName} (${person.via === "guardian" ? "your dependent" : "gave you access"})`;
}

/**
 * "Acting for": the patients the signed-in patient may act for with `capability` (themselves
 * first). Renders nothing when there is no one else. The server checks every request again.
 */
export function ActingForSelect({
  capability,
  value,
  onChange,
}: {
  capability: Capability;
  value: number;
  onChange: (patientId: number, name: string) => void;
}) {
  const id = useId();
  const family = useFamily();
  const people = (family.data?.actingFor ?? []).filter((person) => person.capabilities.includes(capability));
  if (people.length < 2) return null;
  return (
    <div className="grid max-w-sm gap-2">
      <Label htmlFor={id}>Acting for</Label>
      <NativeSelect
        id={id}
        value={String(value)}
        onChange={(event) => {
          const chosen = people.find((person) => String(person.id) === event.target.value);
          if (chosen) onChange(chosen.id, chosen.fullName);
        }}
      >
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {optionLabel(person)}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
