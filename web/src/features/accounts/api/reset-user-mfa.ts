import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

import { type AdminUser } from "./search-users";

export type ResetUserMfaInput = { id: number } & ApiSchema<"MfaResetBody">;

/** POST /api/admin/users/:id/mfa-reset with the admin's own password and a current code:
 * the user's two-factor sign-in is turned off, they are emailed and signed out. */
export function resetUserMfa({ id, currentPassword, code }: ResetUserMfaInput): Promise<AdminUser> {
  return api.post<AdminUser>(`/api/admin/users/${String(id)}/mfa-reset`, { currentPassword, code });
}

export function useResetUserMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetUserMfa,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accounts.adminUsers }),
  });
}
