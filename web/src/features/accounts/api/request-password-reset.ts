import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

/** POST /api/password-reset → 202 whether or not the address has an account. */
export async function requestPasswordReset(input: { email: string }): Promise<void> {
  await api.post("/api/password-reset", input, { handleUnauthorized: false });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
