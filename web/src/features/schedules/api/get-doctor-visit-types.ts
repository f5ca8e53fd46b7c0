import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type VisitType } from "./visit-types";

/** GET /api/doctors/:id/visit-types: the doctor's types patients may book online, default first. */
export function getDoctorVisitTypes(doctorId: number, { signal }: { signal?: AbortSignal } = {}): Promise<VisitType[]> {
  return api.get<VisitType[]>(`/api/doctors/${String(doctorId)}/visit-types`, { signal });
}

export function doctorVisitTypesQueryOptions(doctorId: number) {
  return queryOptions({
    queryKey: queryKeys.doctors.visitTypes(doctorId),
    queryFn: ({ signal }) => getDoctorVisitTypes(doctorId, { signal }),
  });
}

export function useDoctorVisitTypes(doctorId: number) {
  return useQuery({ ...doctorVisitTypesQueryOptions(doctorId), enabled: doctorId > 0 });
}
