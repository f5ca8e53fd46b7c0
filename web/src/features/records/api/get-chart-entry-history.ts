import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ChartEntry, type ChartListName } from "./types";

/** GET /api/patients/:id/{list}/:itemId/history: every version of one entry, oldest first. */
export function getChartEntryHistory<L extends ChartListName>(
  patientId: number,
  list: L,
  itemId: number,
  { signal }: { signal?: AbortSignal } = {},
) {
  return api.get<ChartEntry<L>[]>(`/api/patients/${String(patientId)}/${list}/${String(itemId)}/history`, { signal });
}

export function chartEntryHistoryQueryOptions<L extends ChartListName>(patientId: number, list: L, itemId: number) {
  return queryOptions({
    queryKey: queryKeys.records.chartHistory(patientId, list, itemId),
    queryFn: ({ signal }) => getChartEntryHistory(patientId, list, itemId, { signal }),
  });
}

export function useChartEntryHistory<L extends ChartListName>(patientId: number, list: L, itemId: number) {
  return useQuery(chartEntryHistoryQueryOptions(patientId, list, itemId));
}
