import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ChartListName, type ChartListTypes } from "./types";

/** POST /api/patients/:id/{list} (a doctor in care). The answer may carry `warnings`. */
export function addChartEntry<L extends ChartListName>(
  patientId: number,
  list: L,
  body: ChartListTypes[L]["create"],
): Promise<ChartListTypes[L]["written"]> {
  return api.post<ChartListTypes[L]["written"]>(`/api/patients/${String(patientId)}/${list}`, body);
}

export function useAddChartEntry<L extends ChartListName>(patientId: number, list: L) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChartListTypes[L]["create"]) => addChartEntry(patientId, list, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.records.chart(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.timeline(patientId) }),
      ]),
  });
}
