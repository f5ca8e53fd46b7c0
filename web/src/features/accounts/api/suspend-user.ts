import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type AdminUser } from "./search-users";

/** POST /api/admin/users/:id/suspend: their sessions end at once; they can no longer sign in. */
export function suspendUser({ id, reason }: { id: number; reason: string }): Promise<AdminUser> {
  return api.post<AdminUser>(`/api/admin/users/${String(id)}/suspend`, { reason });
}

export function useSuspendUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: suspendUser,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.accounts.adminUsers }),
        queryClient.invalidateQueries({ queryKey: queryKeys.accounts.pendingDoctors }),
      ]),
  });
}
