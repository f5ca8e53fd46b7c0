import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

/** A clinic closure as an admin sees it: who added it (null: the command line) and how. */
export type Closure = ApiSchema<"ClosureAdminOut">;

/** GET /api/admin/closures?year=: the closures of one year, by date (admins only). */
export function listClosures(year: number, { signal }: { signal?: AbortSignal } = {}): Promise<Closure[]> {
  return api.get<Closure[]>(`/api/admin/closures?year=${String(year)}`, { signal });
}

export function closuresQueryOptions(year: number) {
  return queryOptions({
    queryKey: queryKeys.closures.admin(year),
    queryFn: ({ signal }) => listClosures(year, { signal }),
  });
}

export function useClosures(year: number) {
  return useQuery(closuresQueryOptions(year));
}
