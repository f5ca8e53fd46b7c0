import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useLocation } from "wouter";

import { Button } from "@/components/ui/button";

import { useClaimInvitation } from "../api/claim-invitation";
import { AuthLayout } from "../components/auth-layout";
import { FormAlert } from "../components/form-alert";
import { NewPasswordFields } from "../components/new-password-fields";
import { showServerErrors } from "../form-errors";
import { resetPasswordSchema, type ResetPasswordValues } from "../schemas";
import { homePathFor } from "../types";

/**
 * The page of the invitation email `/claim-account#token=…`: an account the front desk (or an admin)
 * opened gets its password. The token travels in the fragment, never to a server log or a Referer.
 */
export function ClaimAccountPage() {
  const [, navigate] = useLocation();
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
  const claim = useClaimInvitation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ResetPasswordValues>({
    resolver: zodResolver(resetPasswordSchema),
    mode: "onTouched",
    defaultValues: { newPassword: "", confirmPassword: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    claim.mutate(
      { token, password: values.newPassword },
      {
        onSuccess: (user) => {
          navigate(homePathFor(user.role), { replace: true });
        },
        onError: (error) => {
          setFormError(
            showServerErrors(error, form.setError, ["newPassword"], {
              known: { invalid_invitation: "This link is invalid, already used or expired. Ask the clinic for a new one." },
            }),
          );
        },
      },
    );
  });

  return (
    <AuthLayout title="Set your password" description="Your clinic opened an account for you. Choose a password to sign in.">
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-5">
        {formError !== null && <FormAlert title={formError} />}
        <NewPasswordFields
          newPassword={form.register("newPassword")}
          confirmPassword={form.register("confirmPassword")}
          errors={{ newPassword: errors.newPassword?.message, confirmPassword: errors.confirmPassword?.message }}
        />
        <Button type="submit" size="lg" disabled={claim.isPending || token === ""}>
          {claim.isPending ? "Saving…" : "Set password and sign in"}
        </Button>
      </form>
    </AuthLayout>
  );
}
