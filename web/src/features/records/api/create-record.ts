import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

export type CreateRecordInput = ApiSchema<"RecordCreate">;

export type WrittenRecord = ApiSchema<"RecordWritten">;

/** POST /api/records (doctor with a care relationship); with `medication`, the medication list
 * entry is written in the same step; `warnings` when the prescription or medication names an
 * active allergy. */
export function createRecord(input: CreateRecordInput): Promise<WrittenRecord> {
  return api.post<WrittenRecord>("/api/records", input);
}

export function useCreateRecord(patientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRecord,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.records.ofPatient(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.timeline(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.chart(patientId) }),
      ]),
  });
}
