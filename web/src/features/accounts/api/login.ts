import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { type User } from "../types";
import { currentUserQueryOptions } from "./get-current-user";

export type LoginInput = ApiSchema<"LoginBody">;

/** POST /api/login answers this instead of the user when the account has two-factor sign-in. */
export type MfaChallenge = ApiSchema<"MfaChallenge">;

export function isMfaChallenge(value: User | MfaChallenge): value is MfaChallenge {
  return !("id" in value) && value.mfaRequired;
}

/**
 * POST /api/login → the user, or `{ mfaRequired: true }` when a code must follow at
 * POST /api/login/mfa (401 `invalid_credentials`, 403 `account_suspended`, 429 with Retry-After).
 */
export function login(input: LoginInput): Promise<User | MfaChallenge> {
  return api.post<User | MfaChallenge>("/api/login", input, { handleUnauthorized: false });
}

/**
 * A new session began (password step, or the code step): nothing cached for someone else
 * may survive, and the CSRF token rotates. `user` is null while the code step is pending.
 */
export function startSession(queryClient: QueryClient, user: User | null): void {
  resetCsrfToken();
  queryClient.clear();
  queryClient.setQueryData(currentUserQueryOptions().queryKey, user);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      startSession(queryClient, isMfaChallenge(answer) ? null : answer);
    },
  });
}
