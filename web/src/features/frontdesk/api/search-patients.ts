import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api, type ListResult } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type PatientCard } from "./types";

/** GET /api/frontdesk/patients?q=: patients by name, email, date of birth or mobile number. */
export function searchPatients(q: string, { signal }: { signal?: AbortSignal } = {}): Promise<ListResult<PatientCard>> {
  return api.list<PatientCard>("/api/frontdesk/patients", { params: { q, limit: 20 }, signal });
}

export function patientSearchQueryOptions(q: string) {
  return queryOptions({
    queryKey: queryKeys.frontDesk.patients(q),
    queryFn: ({ signal }) => searchPatients(q, { signal }),
    placeholderData: keepPreviousData,
    enabled: q.trim().length >= 2,
  });
}

export function usePatientSearch(q: string) {
  return useQuery(patientSearchQueryOptions(q));
}
