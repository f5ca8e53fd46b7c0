import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ChartListName, type ChartListTypes } from "./types";

export type AmendChartEntryInput<L extends ChartListName> = { itemId: number } & ChartListTypes[L]["amend"];

/**
 * PUT /api/patients/:id/{list}/:itemId: a new version with a `reason` (the old ones stay);
 * `status: "entered_in_error"` instead of deleting. 409 `version_conflict` on a stale `baseVersion`.
 */
export function amendChartEntry<L extends ChartListName>(
  patientId: number,
  list: L,
  { itemId, ...body }: AmendChartEntryInput<L>,
): Promise<ChartListTypes[L]["written"]> {
  return api.put<ChartListTypes[L]["written"]>(`/api/patients/${String(patientId)}/${list}/${String(itemId)}`, body);
}

export function useAmendChartEntry<L extends ChartListName>(patientId: number, list: L) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AmendChartEntryInput<L>) => amendChartEntry(patientId, list, input),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.records.chart(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.timeline(patientId) }),
      ]),
  });
}
