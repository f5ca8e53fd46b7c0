import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { claimPath, type ClaimState } from "./types";

/** GET /api/claim/:token: the offer of a claim link, without a session. */
export function getOffer(token: string, { signal }: { signal?: AbortSignal } = {}): Promise<ClaimState> {
  return api.get<ClaimState>(claimPath(token), { signal, handleUnauthorized: false });
}

export function offerQueryOptions(token: string) {
  return queryOptions({
    queryKey: queryKeys.waitlist.offer(token),
    queryFn: ({ signal }) => getOffer(token, { signal }),
    staleTime: 0,
    retry: false,
  });
}

export function useOffer(token: string) {
  return useQuery(offerQueryOptions(token));
}
