import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { claimPath, type ClaimState } from "./types";

/** POST /api/claim/:token: book the offered time. No session or CSRF token needed; 409
 * `offer_taken` when someone was quicker. */
export function claimOffer(token: string): Promise<ClaimState> {
  return api.post<ClaimState>(claimPath(token), undefined, { handleUnauthorized: false });
}

export function useClaimOffer(token: string) {
  const queryClient = useQueryClient();
  return useMutation<ClaimState>({
    mutationFn: () => claimOffer(token),
    onSuccess: (state) => {
      queryClient.setQueryData(queryKeys.waitlist.offer(token), state);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.waitlist.offer(token) }),
  });
}
