import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type PatientListItem } from "./types";

/** GET /api/patients?q=: the calling doctor's patients, by name. */
export function getPatients(q: string, { signal }: { signal?: AbortSignal } = {}) {
  return api.list<PatientListItem>("/api/patients", {
    params: { q: q === "" ? undefined : q, limit: 500 },
    signal,
  });
}

export function patientsQueryOptions(q: string) {
  return queryOptions({
    queryKey: queryKeys.patients.list({ q }),
    queryFn: ({ signal }) => getPatients(q, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePatients(q: string) {
  return useQuery(patientsQueryOptions(q));
}
