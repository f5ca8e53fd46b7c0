import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { messagesChanged } from "./messages-changed";

/** PUT /api/messages/threads/:id/block: the thread's patient may no longer write (reason shown). */
export function blockPatient(threadId: number, reason: string): Promise<ApiSchema<"BlockOut">> {
  return api.put<ApiSchema<"BlockOut">>(`/api/messages/threads/${String(threadId)}/block`, { reason });
}

export function useBlockPatient(threadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => blockPatient(threadId, reason),
    onSettled: () => messagesChanged(queryClient, threadId),
  });
}
