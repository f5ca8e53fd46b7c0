import { type ComponentProps } from "react";

import { NativeSelect } from "@/components/ui/native-select";

import { SLOT_MINUTES_CHOICES } from "../schemas";

/** Length of one appointment slot for a doctor; "" is the default (30 minutes). */
export function SlotMinutesSelect(props: ComponentProps<"select">) {
  return (
    <NativeSelect {...props}>
      <option value="">Default (30 minutes)</option>
      {SLOT_MINUTES_CHOICES.map((minutes) => (
        <option key={minutes} value={minutes}>
          {minutes} minutes
        </option>
      ))}
    </NativeSelect>
  );
}
