import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ChartSummary } from "./types";

/** GET /api/patients/:id/summary: active allergies, problems, medications; latest vitals. */
export function getChartSummary(patientId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<ChartSummary>(`/api/patients/${String(patientId)}/summary`, { signal });
}

export function chartSummaryQueryOptions(patientId: number) {
  return queryOptions({
    queryKey: queryKeys.records.chartSummary(patientId),
    queryFn: ({ signal }) => getChartSummary(patientId, { signal }),
  });
}

export function useChartSummary(patientId: number | undefined) {
  return useQuery({ ...chartSummaryQueryOptions(patientId ?? 0), enabled: patientId !== undefined });
}
