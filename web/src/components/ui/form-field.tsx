import { useId, type ReactNode } from "react";

import { cn } from "@/lib/utils";

import { Label } from "./label";

/** What a FormField hands to its control so that label, hint and error are wired up. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  "aria-required": true | undefined;
}

export interface FormFieldProps {
  label: ReactNode;
  /** The message to show under the control; also marks the control invalid. */
  error?: string | undefined;
  /** A hint shown under the label. */
  description?: ReactNode;
  required?: boolean;
  className?: string;
  /** Render the control with the given props spread on it. */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * Label + control + hint + error, accessible by construction:
 *
 * ```tsx
 * <FormField label="Email" error={errors.email?.message} required>
 *   {(field) => <Input type="email" autoComplete="email" {...field} {...register("email")} />}
 * </FormField>
 * ```
 */
export function FormField({ label, error, description, required = false, className, children }: FormFieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== "";
  const describedBy = [description !== undefined ? descriptionId : null, hasError ? errorId : null]
    .filter(Boolean)
    .join(" ");

  return (
    <div data-slot="form-field" className={cn("grid gap-2", className)}>
      <Label htmlFor={id} className={cn(hasError && "text-destructive")}>
        {label}
        {required && (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        )}
      </Label>
      {description !== undefined && (
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      )}
      {children({
        id,
        "aria-invalid": hasError ? true : undefined,
        "aria-describedby": describedBy === "" ? undefined : describedBy,
        "aria-required": required ? true : undefined,
      })}
      {hasError && (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
