import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

import { messagesChanged } from "./messages-changed";
import { type Message } from "./types";

/** POST /api/messages/threads/:id/messages: a reply (a doctor's reopens a closed thread). */
export function postMessage(threadId: number, input: ApiSchema<"MessageCreate">): Promise<Message> {
  return api.post<Message>(`/api/messages/threads/${String(threadId)}/messages`, input);
}

export function usePostMessage(threadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => postMessage(threadId, { body }),
    onSettled: () => messagesChanged(queryClient, threadId),
  });
}
