import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Doctor } from "./types";

/** GET /api/doctors/:id: name, specialization, time zone, slot length, first free slot. */
export function getDoctor(doctorId: number, { signal }: { signal?: AbortSignal } = {}): Promise<Doctor> {
  return api.get<Doctor>(`/api/doctors/${String(doctorId)}`, { signal });
}

export function doctorQueryOptions(doctorId: number) {
  return queryOptions({
    queryKey: queryKeys.doctors.detail(doctorId),
    queryFn: ({ signal }) => getDoctor(doctorId, { signal }),
  });
}

/** The doctor; nothing is asked while `doctorId` is 0 (no doctor chosen yet). */
export function useDoctor(doctorId: number) {
  return useQuery({ ...doctorQueryOptions(doctorId), enabled: doctorId > 0 });
}
