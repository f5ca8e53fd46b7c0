import { type UseFormRegisterReturn } from "react-hook-form";

import { FormField } from "@/components/ui/form-field";

import { PasswordInput } from "./password-input";

/** "New password" and "Repeat the new password", as in every form that sets a password. */
export function NewPasswordFields({
  newPassword,
  confirmPassword,
  errors,
  hint = "8–128 characters; not a common password.",
}: {
  newPassword: UseFormRegisterReturn;
  confirmPassword: UseFormRegisterReturn;
  errors: { newPassword?: string | undefined; confirmPassword?: string | undefined };
  hint?: string;
}) {
  return (
    <>
      <FormField label="New password" description={hint} error={errors.newPassword} required>
        {(field) => <PasswordInput autoComplete="new-password" {...field} {...newPassword} />}
      </FormField>
      <FormField label="Repeat the new password" error={errors.confirmPassword} required>
        {(field) => <PasswordInput autoComplete="new-password" {...field} {...confirmPassword} />}
      </FormField>
    </>
  );
}
