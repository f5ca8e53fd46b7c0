import { useMutation } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

export type ChangePasswordInput = ApiSchema<"ChangePasswordBody">;

/** POST /api/user/password → 204; this session continues under a new id, others end. */
export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await api.post("/api/user/password", input);
  resetCsrfToken();
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
