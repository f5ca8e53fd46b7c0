import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { managePath, type Slot } from "./manage-types";

/** GET /api/manage/:token/alternatives: free times of the same doctor, nearest first. */
export function getManagedAlternatives(token: string, { signal }: { signal?: AbortSignal } = {}): Promise<Slot[]> {
  return api.get<Slot[]>(managePath(token, "alternatives"), { signal, handleUnauthorized: false });
}

export function managedAlternativesQueryOptions(token: string) {
  return queryOptions({
    queryKey: queryKeys.manageLink.alternatives(token),
    queryFn: ({ signal }) => getManagedAlternatives(token, { signal }),
    staleTime: 0,
  });
}

export function useManagedAlternatives(token: string, enabled: boolean) {
  return useQuery({ ...managedAlternativesQueryOptions(token), enabled });
}
