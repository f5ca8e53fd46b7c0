import { useMutation } from "@tanstack/react-query";

import { api, resetCsrfToken } from "@/lib/api-client";

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** POST /api/user/password → 204; this session continues under a new id, others end. */
export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await api.post("/api/user/password", input);
  resetCsrfToken();
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
