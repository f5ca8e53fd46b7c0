import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

import { type MedicalRecord } from "./types";

export type CreateRecordInput = ApiSchema<"RecordCreate">;

/** POST /api/records (doctor with a care relationship). */
export function createRecord(input: CreateRecordInput): Promise<MedicalRecord> {
  return api.post<MedicalRecord>("/api/records", input);
}

export function useCreateRecord(patientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRecord,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.records.ofPatient(patientId) }),
  });
}
