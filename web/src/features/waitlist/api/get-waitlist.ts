import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type WaitlistEntry } from "./types";

/** GET /api/waitlist (patients): my waiting entries, in joining order. */
export function getWaitlist({ signal }: { signal?: AbortSignal } = {}): Promise<WaitlistEntry[]> {
  return api.get<WaitlistEntry[]>("/api/waitlist", { signal });
}

export function waitlistQueryOptions() {
  return queryOptions({ queryKey: queryKeys.waitlist.entries, queryFn: ({ signal }) => getWaitlist({ signal }) });
}

export function useWaitlist() {
  return useQuery(waitlistQueryOptions());
}
