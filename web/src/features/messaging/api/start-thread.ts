import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";
import { queryKeys } from "@/lib/query-keys";

import { messagesChanged } from "./messages-changed";
import { type ThreadDetail } from "./types";

export type StartThreadInput = ApiSchema<"ThreadCreate">;

/** POST /api/messages/threads (patients): the new thread with the clinic's automatic reply. */
export function startThread(input: StartThreadInput): Promise<ThreadDetail> {
  return api.post<ThreadDetail>("/api/messages/threads", input);
}

/** A thread was started (with or without a file): cache it, refetch lists and counts. */
export function threadStarted(queryClient: QueryClient, thread: ThreadDetail): Promise<void> {
  queryClient.setQueryData(queryKeys.messages.thread(thread.id), thread);
  return messagesChanged(queryClient);
}

export function useStartThread() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startThread,
    onSuccess: (thread) => threadStarted(queryClient, thread),
  });
}
