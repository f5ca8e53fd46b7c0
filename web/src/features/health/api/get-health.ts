import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

/** GET /api/health. Each part is "ok" when healthy. */
export interface Health {
  status: string;
  database: string;
  queue: string;
}

export function getHealth({ signal }: { signal?: AbortSignal } = {}): Promise<Health> {
  return api.get<Health>("/api/health", { signal, handleUnauthorized: false });
}

export function healthQueryOptions() {
  return queryOptions({
    queryKey: ["health"],
    queryFn: ({ signal }) => getHealth({ signal }),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export function useHealth() {
  return useQuery(healthQueryOptions());
}
