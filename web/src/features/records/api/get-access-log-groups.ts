import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";

import { api, type ListResult } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type AccessGroup } from "./types";

/** Groups per page: one line each on the access-log page. */
export const ACCESS_GROUPS_PAGE_SIZE = 20;

/**
 * GET /api/access-log/groups: the calling patient's access log as visits (one person's
 * consecutive accesses), newest first. `offset` counts groups; a group is never split.
 */
export function getAccessLogGroups(offset: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.list<AccessGroup>("/api/access-log/groups", {
    params: { limit: ACCESS_GROUPS_PAGE_SIZE, offset },
    signal,
  });
}

/** The offset of the page after `pages`, or undefined when every group is loaded. */
export function nextGroupOffset(pages: ListResult<AccessGroup>[]): number | undefined {
  const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
  const last = pages.at(-1);
  return last !== undefined && last.items.length > 0 && loaded < last.total ? loaded : undefined;
}

export function accessLogGroupsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: queryKeys.accessLog.groups,
    queryFn: ({ pageParam, signal }) => getAccessLogGroups(pageParam, { signal }),
    initialPageParam: 0,
    getNextPageParam: (_last, pages) => nextGroupOffset(pages),
    staleTime: 0,
  });
}

export function useAccessLogGroups() {
  return useInfiniteQuery(accessLogGroupsQueryOptions());
}
