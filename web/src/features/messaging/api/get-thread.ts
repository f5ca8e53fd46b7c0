import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type ThreadDetail } from "./types";

/** GET /api/messages/threads/:id: the thread with its messages; the other side's become read. */
export function getThread(threadId: number, { signal }: { signal?: AbortSignal } = {}) {
  return api.get<ThreadDetail>(`/api/messages/threads/${String(threadId)}`, { signal });
}

export function threadQueryOptions(threadId: number) {
  return queryOptions({
    queryKey: queryKeys.messages.thread(threadId),
    queryFn: ({ signal }) => getThread(threadId, { signal }),
  });
}

/** The thread; each answer marked messages read, so the unread counts are asked again. */
export function useThread(threadId: number) {
  const queryClient = useQueryClient();
  const thread = useQuery({ ...threadQueryOptions(threadId), enabled: Number.isInteger(threadId) });
  const answeredAt = thread.dataUpdatedAt;
  useEffect(() => {
    if (answeredAt === 0) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.messages.unread });
    void queryClient.invalidateQueries({ queryKey: queryKeys.messages.threadLists });
  }, [answeredAt, queryClient]);
  return thread;
}
