import { zodResolver } from "@hookform/resolvers/zod";
import { MailCheck } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "wouter";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

import { useRequestPasswordReset } from "../api/request-password-reset";
import { AuthLayout } from "../components/auth-layout";
import { FormAlert } from "../components/form-alert";
import { showServerErrors } from "../form-errors";
import { forgotPasswordSchema, type ForgotPasswordValues } from "../schemas";

const backToLogin = (
  <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
    Back to log in
  </Link>
);

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ForgotPasswordValues>({
    resolver: zodResolver(forgotPasswordSchema),
    defaultValues: { email: "" },
  });

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    request.mutate(values, {
      onSuccess: () => {
        setSentTo(values.email);
      },
      onError: (error) => {
        setFormError(showServerErrors(error, form.setError, ["email"]));
      },
    });
  });

  if (sentTo !== null) {
    return (
      <AuthLayout title="Check your email" footer={backToLogin}>
        <div role="status" className="grid justify-items-center gap-4 text-center">
          <span className="flex size-12 items-center justify-center rounded-full bg-accent text-accent-foreground">
            <MailCheck className="size-6" aria-hidden="true" />
          </span>
          <p>
            If an account uses <strong className="break-all">{sentTo}</strong>, we have sent it a link to choose a
            new password. The link works once, for one hour.
          </p>
          <p className="text-sm text-muted-foreground">No email after a few minutes? Check your spam folder.</p>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Forgot your password?"
      description="Enter the email of your account and we will send you a link to choose a new one."
      footer={backToLogin}
    >
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-5">
        {formError !== null && <FormAlert title={formError} />}
        <FormField label="Email" error={form.formState.errors.email?.message} required>
          {(field) => <Input type="email" autoComplete="email" {...field} {...form.register("email")} />}
        </FormField>
        <Button type="submit" size="lg" disabled={request.isPending}>
          {request.isPending ? "Sending…" : "Send reset link"}
        </Button>
      </form>
    </AuthLayout>
  );
}
