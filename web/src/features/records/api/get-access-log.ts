import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type AccessEvent } from "./types";

/** GET /api/access-log: who read or wrote the calling patient's records, newest first. */
export function getAccessLog({ signal }: { signal?: AbortSignal } = {}) {
  return api.list<AccessEvent>("/api/access-log", { params: { limit: 500 }, signal });
}

export function accessLogQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.accessLog,
    queryFn: ({ signal }) => getAccessLog({ signal }),
    staleTime: 0,
  });
}

export function useAccessLog() {
  return useQuery(accessLogQueryOptions());
}
