import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Series } from "./series-types";

/** GET /api/series/:id: a series with every occurrence, for its doctor and patient (404 otherwise). */
export function getSeries(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<Series> {
  return api.get<Series>(`/api/series/${String(id)}`, { signal });
}

export function seriesQueryOptions(id: number) {
  return queryOptions({
    queryKey: queryKeys.appointments.series(id),
    queryFn: ({ signal }) => getSeries(id, { signal }),
  });
}

export function useSeries(id: number | null) {
  return useQuery({ ...seriesQueryOptions(id ?? 0), enabled: id !== null });
}
