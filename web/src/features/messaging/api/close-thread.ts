import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { messagesChanged } from "./messages-changed";

/** POST /api/messages/threads/:id/close (its doctor). */
export function closeThread(threadId: number): Promise<void> {
  return api.post<undefined>(`/api/messages/threads/${String(threadId)}/close`);
}

export function useCloseThread(threadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => closeThread(threadId),
    onSettled: () => messagesChanged(queryClient, threadId),
  });
}
