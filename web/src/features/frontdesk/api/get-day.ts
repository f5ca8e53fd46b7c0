import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, type ListResult } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Appointment } from "@/features/appointments";

export interface DayRange {
  from: string;
  to: string;
}

/** GET /api/frontdesk/appointments?from=&to=: every doctor's appointments in the range. */
export function getDay(range: DayRange, { signal }: { signal?: AbortSignal } = {}): Promise<ListResult<Appointment>> {
  return api.list<Appointment>("/api/frontdesk/appointments", { params: { ...range, limit: 500 }, signal });
}

export function dayQueryOptions(range: DayRange) {
  return queryOptions({
    queryKey: queryKeys.frontDesk.day(range),
    queryFn: ({ signal }) => getDay(range, { signal }),
  });
}

export function useDay(range: DayRange) {
  return useQuery(dayQueryOptions(range));
}
