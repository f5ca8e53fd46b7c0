import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type Slot } from "./types";

/** GET /api/doctors/:id/slots?from=&to= — both dates included, on the doctor's clock. */
export function getDoctorSlots(
  id: number,
  from: string,
  to: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Slot[]> {
  return api.get<Slot[]>(`/api/doctors/${String(id)}/slots`, { params: { from, to }, signal });
}

export function doctorSlotsQueryOptions(id: number, from: string, to: string) {
  return queryOptions({
    queryKey: ["doctors", "slots", id, { from, to }],
    queryFn: ({ signal }) => getDoctorSlots(id, from, to, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDoctorSlots(id: number, from: string | undefined, to: string | undefined) {
  return useQuery({
    ...doctorSlotsQueryOptions(id, from ?? "", to ?? ""),
    enabled: from !== undefined && to !== undefined,
  });
}
