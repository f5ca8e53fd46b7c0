import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type PatientDocument } from "./types";

/** GET /api/patients/:id/documents: the patient's documents (metadata), newest first. */
export function getDocuments(patientId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.list<PatientDocument>(`/api/patients/${String(patientId)}/documents`, {
    params: { limit: 500 },
    signal,
  });
}

export function documentsQueryOptions(patientId: number) {
  return queryOptions({
    queryKey: queryKeys.records.documents(patientId),
    queryFn: ({ signal }) => getDocuments(patientId, { signal }),
  });
}

export function useDocuments(patientId: number) {
  return useQuery(documentsQueryOptions(patientId));
}
