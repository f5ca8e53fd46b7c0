import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** DELETE /api/waitlist/:id (patients): leave one entry. */
export function leaveWaitlist(entryId: number): Promise<undefined> {
  return api.delete(`/api/waitlist/${String(entryId)}`);
}

export function useLeaveWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: leaveWaitlist,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.waitlist.entries }),
  });
}
