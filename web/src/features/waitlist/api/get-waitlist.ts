import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type WaitlistEntry } from "./types";

/** GET /api/waitlist (patients): my waiting entries, or with `patientId` those of a patient I
 * act for with `appointments` (family access), in joining order. */
export function getWaitlist({
  signal,
  patientId,
}: { signal?: AbortSignal; patientId?: number } = {}): Promise<WaitlistEntry[]> {
  return api.get<WaitlistEntry[]>("/api/waitlist", { signal, params: { patientId } });
}

export function waitlistQueryOptions(patientId?: number) {
  return queryOptions({
    queryKey: patientId === undefined ? queryKeys.waitlist.entries : queryKeys.waitlist.entriesOf(patientId),
    queryFn: ({ signal }) => getWaitlist({ signal, patientId }),
  });
}

export function useWaitlist(patientId?: number) {
  return useQuery(waitlistQueryOptions(patientId));
}
