import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** POST /api/family/dependents/:id/invite: email a link to claim their own login. */
export function inviteDependent({ dependentId, email }: { dependentId: number; email: string }): Promise<undefined> {
  return api.post(`/api/family/dependents/${String(dependentId)}/invite`, { email });
}

export function useInviteDependent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteDependent,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.family }),
  });
}
