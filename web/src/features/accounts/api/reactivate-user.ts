import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type AdminUser } from "./search-users";

/** POST /api/admin/users/:id/reactivate: the suspension is lifted (a doctor is approved again). */
export function reactivateUser(id: number): Promise<AdminUser> {
  return api.post<AdminUser>(`/api/admin/users/${String(id)}/reactivate`);
}

export function useReactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reactivateUser,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.accounts.adminUsers }),
        queryClient.invalidateQueries({ queryKey: queryKeys.accounts.pendingDoctors }),
      ]),
  });
}
