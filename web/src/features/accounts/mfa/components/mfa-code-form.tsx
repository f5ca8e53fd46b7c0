import { useEffect, useState, type SyntheticEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { isApiError } from "@/lib/api-client";

import { FormAlert } from "../../components/form-alert";
import { type User } from "../../types";
import { formErrorMessage } from "../../utils";
import { useLoginMfa } from "../api/login-mfa";
import { CODE_PATTERN, OneTimeCodeInput, useCodeField } from "./one-time-code-input";

const MODES = {
  code: {
    label: "Authentication code",
    description: "The 6-digit code your authenticator app shows now.",
    empty: "Enter the 6-digit code from your authenticator app",
    wrong: "That code is wrong, expired or already used. Enter the code your app shows now.",
    toggle: "Use a recovery code",
  },
  recovery: {
    label: "Recovery code",
    description: "One of the codes you saved when you set up two-factor authentication. Each works once.",
    empty: "Enter one of your recovery codes",
    wrong: "That recovery code is wrong or has already been used.",
    toggle: "Use the authenticator app",
  },
} as const;

/**
 * The second sign-in step, shown after POST /api/login answered `{ mfaRequired: true }`:
 * a 6-digit code from the authenticator app, or one recovery code.
 */
export function MfaCodeForm({
  onLoggedIn,
  onRestart,
}: {
  onLoggedIn: (user: User) => void;
  /** Back to the password step (after `mfa_login_expired`). */
  onRestart: () => void;
}) {
  const [mode, setMode] = useState<keyof typeof MODES>("code");
  const field = useCodeField();
  const { focus } = field;
  const mutation = useLoginMfa();
  // The step (or the kind of code) just changed: the field is where the user types next.
  useEffect(focus, [mode, focus]);
  const text = MODES[mode];
  const expired = isApiError(mutation.error) && mutation.error.code === "mfa_login_expired";
  const formError =
    mutation.isError && !(isApiError(mutation.error) && mutation.error.code === "invalid_mfa_code")
      ? formErrorMessage(mutation.error, {
          mfa_login_expired: "This sign-in took too long. Enter your password again.",
        })
      : null;

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const { entered } = field;
    if (!(mode === "code" ? CODE_PATTERN.test(entered) : entered !== "")) {
      field.reject(text.empty);
      return;
    }
    field.clearError();
    mutation.mutate(mode === "code" ? { code: entered } : { recoveryCode: entered }, {
      onSuccess: onLoggedIn,
      onError: (error) => {
        if (isApiError(error) && error.code === "invalid_mfa_code") field.reject(text.wrong, { clear: true });
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-5" aria-label="Two-factor authentication">
      {formError !== null && <FormAlert title={formError} />}
      <FormField label={text.label} description={text.description} error={field.error} required>
        {(control) =>
          mode === "code" ? (
            <OneTimeCodeInput {...control} {...field.inputProps} />
          ) : (
            <Input
              {...control}
              {...field.inputProps}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
            />
          )
        }
      </FormField>
      {expired ? (
        <Button type="button" size="lg" onClick={onRestart}>
          Enter password again
        </Button>
      ) : (
        <Button type="submit" size="lg" disabled={mutation.isPending}>
          {mutation.isPending ? "Checking…" : "Verify and log in"}
        </Button>
      )}
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <Button
          type="button"
          variant="link"
          className="h-auto p-0"
          onClick={() => {
            setMode(mode === "code" ? "recovery" : "code");
            field.reset();
            mutation.reset();
          }}
        >
          {text.toggle}
        </Button>
        <Button type="button" variant="link" className="h-auto p-0" onClick={onRestart}>
          Back to password
        </Button>
      </div>
    </form>
  );
}
