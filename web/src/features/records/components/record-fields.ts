import { z } from "zod";

// The server's limits (docs/API.md): diagnosis 1–500 on one line, prescription ≤ 2000,
// notes ≤ 10000. The server checks them again; these only give early feedback.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const diagnosisField = z
  .string()
  .trim()
  .min(1, "Enter a diagnosis")
  .max(500, "At most 500 characters")
  .refine((v) => !/[\r\n]/.test(v) && !CONTROL.test(v), "One line, no control characters");
export const prescriptionField = z
  .string()
  .max(2000, "At most 2000 characters")
  .refine((v) => !CONTROL.test(v), "No control characters");
export const notesField = z
  .string()
  .max(10000, "At most 10000 characters")
  .refine((v) => !CONTROL.test(v), "No control characters");

/** "" → null for optional text fields. */
export function orNull(value: string): string | null {
  return value.trim() === "" ? null : value;
}
