import { type FieldValues, type Path, type UseFormSetError } from "react-hook-form";

import { ApiError } from "@/lib/api-client";
import { applyFieldErrors } from "@/lib/form-errors";

import { formErrorMessage } from "./utils";

export interface ServerErrorOptions<T extends FieldValues> {
  /** Error codes that belong to one field, e.g. 409 `username_taken` → username. */
  codeFields?: Partial<Record<string, { field: Path<T>; message: string }>>;
  /** Error codes with a form-level message of their own. */
  known?: Record<string, string>;
}

/**
 * Show a failed submission where it belongs: field errors next to their fields (422
 * `errors`, or a code tied to one field), anything else as one sentence for the form.
 * Returns that sentence, or null when every message went to a field.
 */
export function showServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  { codeFields = {}, known = {} }: ServerErrorOptions<T> = {},
): string | null {
  if (error instanceof ApiError) {
    const byCode = codeFields[error.code];
    if (byCode !== undefined) {
      setError(byCode.field, { type: "server", message: byCode.message }, { shouldFocus: true });
      return null;
    }
    const unmatched = applyFieldErrors(error, setError, fields);
    if (unmatched !== null) return unmatched.length === 0 ? null : "Please check: " + unmatched.join("; ");
  }
  return formErrorMessage(error, known);
}
