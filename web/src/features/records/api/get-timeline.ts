import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type TimelinePage } from "./types";

/**
 * GET /api/patients/:id/timeline: visits, records (and amendments), vitals, documents and list
 * changes, newest first; `before` is the previous page's `nextBefore` (keyset paging).
 */
export function getTimeline(patientId: number, before: string | null, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<TimelinePage>(`/api/patients/${String(patientId)}/timeline`, {
    params: before === null ? {} : { before },
    signal,
  });
}

export function timelineQueryOptions(patientId: number) {
  return infiniteQueryOptions({
    queryKey: queryKeys.records.timeline(patientId),
    queryFn: ({ pageParam, signal }) => getTimeline(patientId, pageParam, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: TimelinePage) => last.nextBefore ?? undefined,
  });
}

export function useTimeline(patientId: number | undefined) {
  return useInfiniteQuery({ ...timelineQueryOptions(patientId ?? 0), enabled: patientId !== undefined });
}
