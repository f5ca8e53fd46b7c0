import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type Slot } from "./types";

/** `from`/`to` are dates (YYYY-MM-DD) on the doctor's clock, both included. */
export interface SlotRange {
  from: string;
  to: string;
}

export const doctorSlotsKey = (doctorId: number) => ["doctors", doctorId, "slots"] as const;

export function getDoctorSlots(
  doctorId: number,
  range: SlotRange,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Slot[]> {
  return api.get<Slot[]>(`/api/doctors/${String(doctorId)}/slots`, { params: { ...range }, signal });
}

export function doctorSlotsQueryOptions(doctorId: number, range: SlotRange) {
  return queryOptions({
    queryKey: [...doctorSlotsKey(doctorId), range],
    queryFn: ({ signal }) => getDoctorSlots(doctorId, range, { signal }),
    staleTime: 15_000,
  });
}

export function useDoctorSlots(doctorId: number, range: SlotRange | null) {
  return useQuery({
    ...doctorSlotsQueryOptions(doctorId, range ?? { from: "", to: "" }),
    enabled: doctorId > 0 && range !== null,
  });
}
