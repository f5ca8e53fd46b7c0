import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation } from "wouter";

import { Button } from "@/components/ui/button";

import { useConfirmPasswordReset } from "../api/confirm-password-reset";
import { AuthLayout } from "../components/auth-layout";
import { FormAlert } from "../components/form-alert";
import { NewPasswordFields } from "../components/new-password-fields";
import { showServerErrors } from "../form-errors";
import { resetPasswordSchema, type ResetPasswordValues } from "../schemas";

const requestNewLink = (
  <Link href="/forgot-password" className="font-medium text-primary underline-offset-4 hover:underline">
    Request a new link
  </Link>
);

/**
 * The page of the emailed link `/reset-password#token=…`. The token travels in the fragment,
 * so it is never sent to the server in a request line or a Referer (nor kept in access logs).
 */
export function ResetPasswordPage() {
  const [, navigate] = useLocation();
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
  const confirm = useConfirmPasswordReset();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ResetPasswordValues>({
    resolver: zodResolver(resetPasswordSchema),
    mode: "onTouched",
    defaultValues: { newPassword: "", confirmPassword: "" },
  });
  const { errors } = form.formState;

  if (token === "") {
    return (
      <AuthLayout title="This link is incomplete" footer={requestNewLink}>
        <p className="text-muted-foreground">
          Open the link from your email exactly as it was sent, or request a new one.
        </p>
      </AuthLayout>
    );
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    confirm.mutate(
      { token, newPassword: values.newPassword },
      {
        onSuccess: () => {
          navigate("/login?reset=1", { replace: true });
        },
        onError: (error) => {
          setFormError(
            showServerErrors(error, form.setError, ["newPassword"], {
              known: { invalid_token: "This link is invalid, already used or expired. Request a new one." },
            }),
          );
        },
      },
    );
  });

  return (
    <AuthLayout
      title="Choose a new password"
      description="After this, every other session of your account is logged out."
      footer={requestNewLink}
    >
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-5">
        {formError !== null && <FormAlert title={formError} />}
        <NewPasswordFields
          newPassword={form.register("newPassword")}
          confirmPassword={form.register("confirmPassword")}
          errors={{ newPassword: errors.newPassword?.message, confirmPassword: errors.confirmPassword?.message }}
        />
        <Button type="submit" size="lg" disabled={confirm.isPending}>
          {confirm.isPending ? "Saving…" : "Set new password"}
        </Button>
      </form>
    </AuthLayout>
  );
}
