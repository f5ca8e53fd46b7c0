import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ChartEntry, type ChartListName } from "./types";

/** GET /api/patients/:id/{allergies|problems|medications|vitals}: the list, newest first. */
export function getChartEntries<L extends ChartListName>(
  patientId: number,
  list: L,
  { signal }: { signal?: AbortSignal } = {},
) {
  return api.list<ChartEntry<L>>(`/api/patients/${String(patientId)}/${list}`, {
    params: { limit: 500 },
    signal,
  });
}

export function chartEntriesQueryOptions<L extends ChartListName>(patientId: number, list: L) {
  return queryOptions({
    queryKey: queryKeys.records.chartList(patientId, list),
    queryFn: ({ signal }) => getChartEntries(patientId, list, { signal }),
  });
}

export function useChartEntries<L extends ChartListName>(patientId: number | undefined, list: L) {
  return useQuery({ ...chartEntriesQueryOptions(patientId ?? 0, list), enabled: patientId !== undefined });
}
