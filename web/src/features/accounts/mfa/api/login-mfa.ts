import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { startSession } from "../../api/login";
import { type User } from "../../types";

export type MfaLoginInput = { code: string } | { recoveryCode: string };

/**
 * POST /api/login/mfa → the user, logged in under a new session id (401 `invalid_mfa_code`
 * or `mfa_login_expired`, 429 with Retry-After after too many wrong codes).
 */
export function loginMfa(input: MfaLoginInput): Promise<User> {
  return api.post<User>("/api/login/mfa", input, { handleUnauthorized: false });
}

export function useLoginMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: loginMfa,
    onSuccess: (user) => {
      startSession(queryClient, user);
    },
  });
}
