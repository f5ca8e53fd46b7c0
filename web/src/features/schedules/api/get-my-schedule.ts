import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ScheduleEntry } from "./types";

/** GET /api/schedule: the calling doctor's own entries, weekly and dated. */
export function getMySchedule({ signal }: { signal?: AbortSignal } = {}): Promise<ScheduleEntry[]> {
  return api.get<ScheduleEntry[]>("/api/schedule", { signal });
}

export function myScheduleQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.mySchedule,
    queryFn: ({ signal }) => getMySchedule({ signal }),
  });
}

export function useMySchedule() {
  return useQuery(myScheduleQueryOptions());
}
