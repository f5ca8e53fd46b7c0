import { useState, type SyntheticEvent } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { isApiError } from "@/lib/api-client";

import { useLoginMfa } from "../api/login-mfa";

function messageOf(error: unknown): string {
  if (!isApiError(error)) return "Something went wrong. Try again.";
  if (error.status === 429) return "Too many wrong codes. Wait a few minutes and try again.";
  if (error.code === "mfa_login_expired") return "This sign-in took too long. Enter your password again.";
  return "That code is wrong, expired or already used.";
}

/**
 * The second sign-in step, shown after POST /api/login answered `{ mfaRequired: true }`:
 * a 6-digit code from the authenticator app, or one recovery code.
 */
export function MfaCodeForm({
  onLoggedIn,
  onRestart,
}: {
  /** Receives the user object (the accounts feature's `User`). */
  onLoggedIn: (user: unknown) => void;
  /** Back to the password step (after `mfa_login_expired`). */
  onRestart?: () => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const mutation = useLoginMfa({ onLoggedIn });
  const expired = isApiError(mutation.error) && mutation.error.code === "mfa_login_expired";

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = value.trim();
    mutation.mutate(useRecovery ? { recoveryCode: trimmed } : { code: trimmed });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Two-factor sign-in">
      {mutation.isError && (
        <Alert variant="destructive" live>
          <AlertDescription>{messageOf(mutation.error)}</AlertDescription>
        </Alert>
      )}
      <FormField
        label={useRecovery ? "Recovery code" : "Authentication code"}
        description={useRecovery ? "One of the codes you saved when you set up two-factor sign-in." : "The 6-digit code from your authenticator app."}
        required
      >
        {(field) => (
          <Input
            {...field}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
            }}
            autoComplete="one-time-code"
            inputMode={useRecovery ? "text" : "numeric"}
            maxLength={useRecovery ? 64 : 6}
          />
        )}
      </FormField>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={mutation.isPending || value.trim() === ""}>
          {mutation.isPending ? "Checking…" : "Sign in"}
        </Button>
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue("");
            mutation.reset();
          }}
        >
          {useRecovery ? "Use the authenticator app" : "Use a recovery code"}
        </Button>
        {expired && onRestart && (
          <Button type="button" variant="outline" onClick={onRestart}>
            Enter password again
          </Button>
        )}
      </div>
    </form>
  );
}
