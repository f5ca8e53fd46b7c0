import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { messagesChanged } from "./messages-changed";

/** DELETE /api/messages/threads/:id/block: the thread's patient may write again. */
export function unblockPatient(threadId: number): Promise<void> {
  return api.delete(`/api/messages/threads/${String(threadId)}/block`);
}

export function useUnblockPatient(threadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unblockPatient(threadId),
    onSettled: () => messagesChanged(queryClient, threadId),
  });
}
