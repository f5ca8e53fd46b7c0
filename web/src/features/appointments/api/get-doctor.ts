import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type Doctor } from "./types";

/** GET /api/doctors/:id: name, specialization and the doctor's time zone. */
export function getDoctor(doctorId: number, { signal }: { signal?: AbortSignal } = {}): Promise<Doctor> {
  return api.get<Doctor>(`/api/doctors/${String(doctorId)}`, { signal });
}

export function doctorQueryOptions(doctorId: number) {
  return queryOptions({
    queryKey: ["doctors", doctorId],
    queryFn: ({ signal }) => getDoctor(doctorId, { signal }),
    staleTime: 60_000,
  });
}

export function useDoctor(doctorId: number) {
  return useQuery({ ...doctorQueryOptions(doctorId), enabled: doctorId > 0 });
}
