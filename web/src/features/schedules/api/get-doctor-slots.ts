import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Slot } from "./types";

/**
 * `from`/`to` are dates (YYYY-MM-DD) on the doctor's clock, both included; `visitType`: slots of
 * that visit type (default: the doctor's default type).
 */
export interface SlotRange {
  from: string;
  to: string;
  visitType?: number;
}

/** GET /api/doctors/:id/slots?from=&to=&visitType=: the doctor's free slots, by start time. */
export function getDoctorSlots(
  doctorId: number,
  range: SlotRange,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Slot[]> {
  return api.get<Slot[]>(`/api/doctors/${String(doctorId)}/slots`, { params: { ...range }, signal });
}

export function doctorSlotsQueryOptions(doctorId: number, range: SlotRange) {
  return queryOptions({
    queryKey: queryKeys.doctors.slotRange(doctorId, range),
    queryFn: ({ signal }) => getDoctorSlots(doctorId, range, { signal }),
    // Other patients book too: free slots go stale sooner than the rest.
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
}

/**
 * The free slots; nothing is asked until there is a doctor and a range. `fresh`: asked again on
 * every mount even when cached (a step that must not trust what was free a minute ago).
 */
export function useDoctorSlots(doctorId: number, range: SlotRange | null, { fresh = false } = {}) {
  return useQuery({
    ...doctorSlotsQueryOptions(doctorId, range ?? { from: "", to: "" }),
    enabled: doctorId > 0 && range !== null,
    ...(fresh ? { refetchOnMount: "always" as const } : {}),
  });
}
