import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Doctor } from "./types";

export interface DoctorFilters {
  /** The id of an entry of GET /api/specializations; null: every specialization. */
  specializationId: number | null;
  q: string;
}

/** GET /api/doctors?specializationId=&q=: approved doctors, by name. */
export function getDoctors({ specializationId, q }: DoctorFilters, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<Doctor[]>("/api/doctors", {
    params: { specializationId: specializationId ?? undefined, q: q === "" ? undefined : q },
    signal,
  });
}

export function doctorsQueryOptions(filters: DoctorFilters) {
  return queryOptions({
    queryKey: queryKeys.doctors.list(filters),
    queryFn: ({ signal }) => getDoctors(filters, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDoctors(filters: DoctorFilters) {
  return useQuery(doctorsQueryOptions(filters));
}
