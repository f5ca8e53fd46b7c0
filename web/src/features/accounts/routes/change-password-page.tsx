import { zodResolver } from "@hookform/resolvers/zod";
import { ArrowLeft } from "lucide-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation } from "wouter";

import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { toast } from "@/components/ui/use-toast";
import { ApiError } from "@/lib/api-client";

import { useChangePassword } from "../api/change-password";
import { useCurrentUser } from "@/features/accounts";
import { FormAlert } from "../components/form-alert";
import { NewPasswordFields } from "../components/new-password-fields";
import { PasswordInput } from "../components/password-input";
import { showServerErrors } from "../form-errors";
import { changePasswordSchema, type ChangePasswordValues } from "../schemas";

function ChangePasswordForm({ username }: { username: string }) {
  const [, navigate] = useLocation();
  const change = useChangePassword();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = useMemo(() => changePasswordSchema(username), [username]);
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          toast({ title: "Password changed", description: "Your other sessions were logged out.", variant: "success" });
          navigate("/profile");
        },
        onError: (error) => {
          // Clear only what the server refused (a wrong current password, a refused new one
          // with its confirmation), keep the rest, then show and focus the field in error.
          const refused = error instanceof ApiError ? error.fieldErrors : {};
          if ("currentPassword" in refused) form.resetField("currentPassword");
          if ("newPassword" in refused) {
            form.resetField("newPassword");
            form.resetField("confirmPassword");
          }
          setFormError(showServerErrors(error, form.setError, ["currentPassword", "newPassword"]));
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-5">
      {formError !== null && <FormAlert title={formError} />}
      <FormField label="Current password" error={errors.currentPassword?.message} required>
        {(field) => <PasswordInput autoComplete="current-password" {...field} {...form.register("currentPassword")} />}
      </FormField>
      <NewPasswordFields
        newPassword={form.register("newPassword")}
        confirmPassword={form.register("confirmPassword")}
        errors={{ newPassword: errors.newPassword?.message, confirmPassword: errors.confirmPassword?.message }}
        hint="8–128 characters; not a common password and not your username."
      />
      <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
        <Button asChild variant="outline">
          <Link href="/profile">Cancel</Link>
        </Button>
        <Button type="submit" disabled={change.isPending}>
          {change.isPending ? "Saving…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}

export function ChangePasswordPage() {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  return (
    <>
      <title>Change password · Clinic360</title>
      <Link
        href="/profile"
        className="mb-4 inline-flex items-center gap-1.5 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        Profile
      </Link>
      <PageHeader title="Change password" description="Your other devices will be logged out." />
      <Card className="max-w-xl">
        <CardContent>
          <ChangePasswordForm username={user.username} />
        </CardContent>
      </Card>
    </>
  );
}
