import { useQueryClient } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { type SyntheticEvent, useState } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { isApiError } from "@/lib/api-client";

import { currentUserQueryOptions } from "../../api/get-current-user";
import { FormAlert } from "../../components/form-alert";
import { formErrorMessage } from "../../utils";
import { useConfirmMfa } from "../api/confirm-mfa";
import { useSetupMfa } from "../api/setup-mfa";
import { CODE_PATTERN, OneTimeCodeInput, useCodeField } from "./one-time-code-input";

/** "ABCD EFGH …": easier to type from the screen; authenticator apps ignore the spaces. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function ConfirmForm({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const confirm = useConfirmMfa({ onConfirmed: onEnabled });
  const field = useCodeField();
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (!CODE_PATTERN.test(field.entered)) {
      field.reject("Enter the 6-digit code from your authenticator app");
      return;
    }
    field.clearError();
    confirm.mutate(field.entered, {
      onError: (error) => {
        if (isApiError(error) && error.fieldErrors.code !== undefined) {
          field.reject("That code is wrong or expired. Enter the code your app shows now.", { clear: true });
        } else {
          setFormError(formErrorMessage(error));
        }
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-5" aria-label="Confirm two-factor authentication">
      {formError !== null && <FormAlert title={formError} />}
      <FormField
        label="Code from the app"
        description="Enter the 6-digit code your app shows for Clinic360."
        error={field.error}
        required
      >
        {(control) => <OneTimeCodeInput {...control} {...field.inputProps} />}
      </FormField>
      <div>
        <Button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? "Checking…" : "Turn on two-factor authentication"}
        </Button>
      </div>
    </form>
  );
}

/**
 * Enrolment in two-factor authentication: start, scan the server-drawn QR code (or type the key),
 * confirm with a first code. `onEnabled` receives the recovery codes to show once.
 */
export function MfaEnrolment({ onEnabled }: { onEnabled: (recoveryCodes: string[]) => void }) {
  const queryClient = useQueryClient();
  const setup = useSetupMfa();

  if (!setup.data) {
    return (
      <div className="grid gap-4">
        {setup.isError && <FormAlert title={formErrorMessage(setup.error)} />}
        <p className="text-sm text-muted-foreground">
          Besides your password, you will enter a 6-digit code from an authenticator app on your phone (for example
          Aegis, FreeOTP, Google Authenticator or Microsoft Authenticator) each time you log in.
        </p>
        <div>
          <Button
            type="button"
            disabled={setup.isPending}
            onClick={() => {
              setup.mutate(undefined, {
                onError: (error) => {
                  // Already on (in another tab): show the real state.
                  if (isApiError(error) && error.code === "mfa_already_enabled") {
                    void queryClient.invalidateQueries({ queryKey: currentUserQueryOptions().queryKey });
                  }
                },
              });
            }}
          >
            <ShieldCheck aria-hidden="true" />
            {setup.isPending ? "Starting…" : "Set up two-factor authentication"}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="grid gap-6">
      <ol className="grid list-decimal gap-6 pl-5 marker:font-semibold">
        <li className="grid gap-3 pl-1">
          <h3 className="font-medium">Scan this QR code with your authenticator app</h3>
          <img
            src={setup.data.qrCode}
            alt="QR code to add Clinic360 to your authenticator app"
            width={192}
            height={192}
            className="size-48 rounded-md border bg-white p-1"
          />
          <p className="text-sm text-muted-foreground">
            Cannot scan it? Choose “enter a setup key” in the app and type this key (time-based):
          </p>
          <code data-testid="mfa-secret" className="w-fit rounded-md bg-muted px-3 py-2 font-mono text-sm break-all">
            {grouped(setup.data.secret)}
          </code>
        </li>
        <li className="grid gap-3 pl-1">
          <h3 className="font-medium">Enter the code the app shows</h3>
          <ConfirmForm onEnabled={onEnabled} />
        </li>
      </ol>
    </div>
  );
}
