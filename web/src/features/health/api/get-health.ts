import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** GET /api/health. Each part is "ok" when healthy. */
export type Health = ApiSchema<"Health">;

export function getHealth({ signal }: { signal?: AbortSignal } = {}): Promise<Health> {
  return api.get<Health>("/api/health", { signal, handleUnauthorized: false });
}

export function healthQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => getHealth({ signal }),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export function useHealth() {
  return useQuery(healthQueryOptions());
}
