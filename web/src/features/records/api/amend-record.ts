import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

export type AmendRecordInput = { recordId: number } & ApiSchema<"RecordAmend">;

/**
 * PUT /api/records/:id (the author): a new version; the old ones stay in the history.
 * `baseVersion` is the version the doctor edited: 409 `version_conflict` if it moved on.
 */
export function amendRecord({ recordId, ...body }: AmendRecordInput): Promise<ApiSchema<"RecordWritten">> {
  return api.put<ApiSchema<"RecordWritten">>(`/api/records/${String(recordId)}`, body);
}

export function useAmendRecord(patientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: amendRecord,
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.records.ofPatient(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.history(input.recordId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.timeline(patientId) }),
      ]);
    },
  });
}
