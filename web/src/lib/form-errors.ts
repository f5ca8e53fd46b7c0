import { type FieldValues, type Path, type UseFormSetError } from "react-hook-form";

import { ApiError } from "./api-client";

/**
 * Put a 422's `errors` on the matching react-hook-form fields. Returns the messages that
 * matched no field (show them in a form-level alert), or null when `error` carries no
 * field errors at all.
 *
 * ```ts
 * onError: (error) => {
 *   const rest = applyFieldErrors(error, form.setError, ["username", "password"]);
 *   if (rest === null) toast({ title: "Could not save", variant: "destructive" });
 * }
 * ```
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string[] | null {
  if (!(error instanceof ApiError)) return null;
  const entries = Object.entries(error.fieldErrors);
  if (entries.length === 0) return null;
  const known = new Set<string>(fields);
  const unmatched: string[] = [];
  let focused = false;
  for (const [field, message] of entries) {
    if (known.has(field)) {
      setError(field as Path<T>, { type: "server", message }, { shouldFocus: !focused });
      focused = true;
    } else {
      unmatched.push(`${field}: ${message}`);
    }
  }
  return unmatched;
}
