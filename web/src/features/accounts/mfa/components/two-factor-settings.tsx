import { ShieldCheck } from "lucide-react";
import { useState } from "react";

import { Badge } from "@/components/ui/badge";

import { type User } from "../../types";
import { MfaEnrolment } from "./mfa-enrolment";
import { RecoveryCodes } from "./recovery-codes";

/**
 * The "Two-factor authentication" section: its state when on; otherwise enrolment, ending with the
 * recovery codes (shown once). `onFinished` runs when the user has saved them.
 */
export function TwoFactorSettings({ user, onFinished }: { user: User; onFinished?: () => void }) {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes !== null) {
    return (
      <RecoveryCodes
        codes={recoveryCodes}
        username={user.username}
        onDone={() => {
          setRecoveryCodes(null);
          onFinished?.();
        }}
      />
    );
  }
  if (user.mfaEnabled) {
    return (
      <div className="grid gap-3">
        <Badge variant="success">
          <ShieldCheck aria-hidden="true" />
          On
        </Badge>
        <p className="text-sm text-muted-foreground">
          You log in with your password and a code from your authenticator app. Without your phone, use one of
          your recovery codes.
        </p>
      </div>
    );
  }
  return <MfaEnrolment onEnabled={setRecoveryCodes} />;
}
