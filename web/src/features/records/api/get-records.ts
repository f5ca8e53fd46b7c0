import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type MedicalRecord } from "./types";

/** GET /api/records/:patientId: the patient's records, newest first. */
export function getRecords(patientId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.list<MedicalRecord>(`/api/records/${String(patientId)}`, {
    params: { limit: 500 },
    signal,
  });
}

export function recordsQueryOptions(patientId: number) {
  return queryOptions({
    queryKey: queryKeys.records.ofPatient(patientId),
    queryFn: ({ signal }) => getRecords(patientId, { signal }),
  });
}

export function useRecords(patientId: number | undefined) {
  return useQuery({ ...recordsQueryOptions(patientId ?? 0), enabled: patientId !== undefined });
}
