import { queryOptions, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type Thread } from "./types";

const PAGE = { limit: 100, offset: 0 };

/** GET /api/messages/threads: the caller's threads, latest message first. */
export function getThreads({ signal }: { signal?: AbortSignal } = {}) {
  return api.list<Thread>("/api/messages/threads", { params: PAGE, signal });
}

export function threadsQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.messages.threadList(PAGE),
    queryFn: ({ signal }) => getThreads({ signal }),
  });
}

export function useThreads() {
  return useQuery(threadsQueryOptions());
}
