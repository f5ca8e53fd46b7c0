import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type MedicalRecord } from "./types";

export interface AmendRecordInput {
  recordId: number;
  /** The version the doctor edited: the server answers 409 `version_conflict` if it moved on. */
  baseVersion: number;
  diagnosis: string;
  prescription: string | null;
  notes: string | null;
  reason: string;
}

/** PUT /api/records/:id (the author): a new version; the old ones stay in the history. */
export function amendRecord({ recordId, ...body }: AmendRecordInput): Promise<MedicalRecord> {
  return api.put<MedicalRecord>(`/api/records/${String(recordId)}`, body);
}

export function useAmendRecord(patientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: amendRecord,
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.records.ofPatient(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.history(input.recordId) }),
      ]);
    },
  });
}
