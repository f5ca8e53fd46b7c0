import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type Doctor } from "./types";

/** GET /api/doctors/:id. */
export function getDoctor(id: number, { signal }: { signal?: AbortSignal } = {}): Promise<Doctor> {
  return api.get<Doctor>(`/api/doctors/${String(id)}`, { signal });
}

export function doctorQueryOptions(id: number) {
  return queryOptions({
    queryKey: ["doctors", "detail", id],
    queryFn: ({ signal }) => getDoctor(id, { signal }),
  });
}

export function useDoctor(id: number) {
  return useQuery(doctorQueryOptions(id));
}
