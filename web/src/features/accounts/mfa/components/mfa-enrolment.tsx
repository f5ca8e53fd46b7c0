import { useState, type SyntheticEvent } from "react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { isApiError } from "@/lib/api-client";

import { useConfirmMfa } from "../api/confirm-mfa";
import { useSetupMfa } from "../api/setup-mfa";

/**
 * Enrolment in two-factor sign-in: show the server-drawn QR code (and the secret for
 * typing), confirm with a first code, then show the recovery codes once.
 * `onDone` runs after the user has seen the recovery codes (refetch the current user there).
 */
export function MfaEnrolment({ onDone, required = false }: { onDone: () => void; required?: boolean }) {
  const setup = useSetupMfa();
  const confirm = useConfirmMfa();
  const [code, setCode] = useState("");

  if (confirm.data) {
    return (
      <section className="space-y-4" aria-labelledby="mfa-recovery-title">
        <h2 id="mfa-recovery-title" className="text-lg font-semibold">
          Save your recovery codes
        </h2>
        <p>Each code signs you in once if you lose your phone. They are shown only now.</p>
        <ul className="grid grid-cols-2 gap-2 font-mono" aria-label="Recovery codes">
          {confirm.data.recoveryCodes.map((recovery) => (
            <li key={recovery}>{recovery}</li>
          ))}
        </ul>
        <Button onClick={onDone}>I have saved them</Button>
      </section>
    );
  }

  if (!setup.data) {
    return (
      <section className="space-y-4">
        {required && (
          <Alert>
            <AlertTitle>Two-factor sign-in is required for your account</AlertTitle>
            <AlertDescription>Set it up to continue.</AlertDescription>
          </Alert>
        )}
        <p>Use an authenticator app (for example FreeOTP, Aegis or Google Authenticator).</p>
        {setup.isError && (
          <Alert variant="destructive" live>
            <AlertDescription>Could not start the set-up. Try again.</AlertDescription>
          </Alert>
        )}
        <Button onClick={() => {
            setup.mutate();
          }} disabled={setup.isPending}>
          Set up two-factor sign-in
        </Button>
      </section>
    );
  }

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.mutate(code.trim());
  }

  const codeError =
    confirm.isError && isApiError(confirm.error)
      ? (confirm.error.fieldErrors.code ?? (confirm.error.status === 429 ? "Too many wrong codes. Wait a few minutes." : "Try again."))
      : undefined;

  return (
    <section className="space-y-4">
      <p>Scan this code with your authenticator app, then enter the 6-digit code it shows.</p>
      <img src={setup.data.qrCode} alt="QR code for your authenticator app" width={200} height={200} />
      <p>
        Cannot scan? Enter this key: <code className="break-all font-mono">{setup.data.secret}</code>
      </p>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormField label="Code from the app" error={codeError} required>
          {(field) => (
            <Input
              {...field}
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
              }}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
            />
          )}
        </FormField>
        <Button type="submit" disabled={confirm.isPending || code.trim() === ""}>
          Turn on
        </Button>
      </form>
    </section>
  );
}
