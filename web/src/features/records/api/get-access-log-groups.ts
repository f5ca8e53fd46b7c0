import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, type ListResult } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type AccessGroup } from "./types";

/** Groups per page: one line each on the access-log page. */
export const ACCESS_GROUPS_PAGE_SIZE = 20;

/**
 * GET /api/access-log/groups: the calling patient's access log (or, with `patientId`, the log
 * of a patient they act for with `records`; that read is itself logged) as visits (one
 * person's consecutive accesses), newest first. `offset` counts groups; a group is never split.
 */
export function getAccessLogGroups(
  offset: number,
  { signal, patientId }: { signal?: AbortSignal; patientId?: number } = {},
) {
  return api.list<AccessGroup>("/api/access-log/groups", {
    params: { limit: ACCESS_GROUPS_PAGE_SIZE, offset, ...(patientId === undefined ? {} : { patientId }) },
    signal,
  });
}

/** The offset of the page after `pages`, or undefined when every group is loaded. */
export function nextGroupOffset(pages: ListResult<AccessGroup>[]): number | undefined {
  const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
  const last = pages.at(-1);
  return last !== undefined && last.items.length > 0 && loaded < last.total ? loaded : undefined;
}

/** The caller's own log without `patientId`, else that patient's. */
export function accessLogGroupsQueryOptions(patientId?: number) {
  return infiniteQueryOptions({
    queryKey: patientId === undefined ? queryKeys.accessLog.groups : queryKeys.accessLog.groupsOf(patientId),
    queryFn: ({ pageParam, signal }) => getAccessLogGroups(pageParam, { signal, patientId }),
    initialPageParam: 0,
    getNextPageParam: (_last, pages) => nextGroupOffset(pages),
    staleTime: 0,
  });
}

export function useAccessLogGroups(patientId?: number) {
  return useInfiniteQuery(accessLogGroupsQueryOptions(patientId));
}
