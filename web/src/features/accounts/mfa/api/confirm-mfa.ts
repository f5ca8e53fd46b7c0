import { useMutation } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";

export interface RecoveryCodes {
  recoveryCodes: string[];
}

/** POST /api/user/mfa/confirm {code} → recovery codes, shown once (422 `errors.code`). */
export function confirmMfa(code: string): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>("/api/user/mfa/confirm", { code });
}

export function useConfirmMfa({ onConfirmed }: { onConfirmed?: () => void } = {}) {
  return useMutation({
    mutationFn: confirmMfa,
    onSuccess: () => {
      // The session id rotates (other sessions end): the next unsafe request needs a new token.
      resetCsrfToken();
      onConfirmed?.();
    },
  });
}
