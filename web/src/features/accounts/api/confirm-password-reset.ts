import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

export type ConfirmPasswordResetInput = ApiSchema<"ResetConfirmBody">;

/** POST /api/password-reset/confirm → 204 (400 `invalid_token` when unknown, used or expired). */
export async function confirmPasswordReset(input: ConfirmPasswordResetInput): Promise<void> {
  await api.post("/api/password-reset/confirm", input, { handleUnauthorized: false });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
