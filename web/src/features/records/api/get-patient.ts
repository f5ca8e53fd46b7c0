import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Patient } from "./types";

/** GET /api/patients/:id: the profile and the appointments the caller may see. */
export function getPatient(patientId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<Patient>(`/api/patients/${String(patientId)}`, { signal });
}

export function patientQueryOptions(patientId: number) {
  return queryOptions({
    queryKey: queryKeys.patients.detail(patientId),
    queryFn: ({ signal }) => getPatient(patientId, { signal }),
  });
}

export function usePatient(patientId: number) {
  return useQuery(patientQueryOptions(patientId));
}
