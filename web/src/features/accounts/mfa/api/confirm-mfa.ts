import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { currentUserQueryOptions } from "../../api/get-current-user";

export type RecoveryCodes = ApiSchema<"RecoveryCodesOut">;

/** POST /api/user/mfa/confirm {code} → recovery codes, shown once (422 `errors.code`). */
export function confirmMfa(code: string): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>("/api/user/mfa/confirm", { code });
}

/**
 * `onConfirmed` gets the recovery codes. It runs from the hook (not from `mutate`), so the
 * codes arrive even though the form that sent the code unmounts as the user object changes.
 */
export function useConfirmMfa({ onConfirmed }: { onConfirmed: (recoveryCodes: string[]) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmMfa,
    onSuccess: ({ recoveryCodes }) => {
      // The session id rotates (other sessions end): the next unsafe request needs a new token.
      resetCsrfToken();
      onConfirmed(recoveryCodes);
      // Two-factor authentication is on from now: the enrolment gate opens at once.
      queryClient.setQueryData(currentUserQueryOptions().queryKey, (user) => user && { ...user, mfaEnabled: true });
    },
  });
}
