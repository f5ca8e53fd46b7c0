import { useMutation } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";

/** POST /api/login answers this instead of the user when the account has two-factor sign-in. */
export interface MfaChallenge {
  mfaRequired: true;
}

export function isMfaChallenge(value: unknown): value is MfaChallenge {
  return typeof value === "object" && value !== null && (value as { mfaRequired?: unknown }).mfaRequired === true;
}

export type MfaLoginInput = { code: string } | { recoveryCode: string };

/**
 * POST /api/login/mfa → the user object (401 `invalid_mfa_code` / `mfa_login_expired`, 429
 * with Retry-After). The accounts feature narrows `unknown` to its `User`.
 */
export function loginMfa(input: MfaLoginInput): Promise<unknown> {
  return api.post<unknown>("/api/login/mfa", input, { handleUnauthorized: false });
}

export function useLoginMfa({ onLoggedIn }: { onLoggedIn: (user: unknown) => void }) {
  return useMutation({
    mutationFn: loginMfa,
    onSuccess: (user) => {
      resetCsrfToken();
      onLoggedIn(user);
    },
  });
}
