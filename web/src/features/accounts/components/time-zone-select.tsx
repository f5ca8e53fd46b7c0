import { type ComponentProps } from "react";

import { NativeSelect } from "@/components/ui/native-select";

import { timeZoneNames } from "../utils";

/** Every IANA zone; the current value is kept even when this browser does not list it. */
export function TimeZoneSelect({ current, ...props }: ComponentProps<"select"> & { current: string }) {
  const names = timeZoneNames();
  const options = current !== "" && !names.includes(current) ? [current, ...names] : names;
  return (
    <NativeSelect {...props}>
      {options.map((name) => (
        <option key={name} value={name}>
          {name.replaceAll("_", " ")}
        </option>
      ))}
    </NativeSelect>
  );
}
