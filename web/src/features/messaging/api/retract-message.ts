import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { messagesChanged } from "./messages-changed";
import { type Message } from "./types";

/** POST /api/messages/:id/retract: the caller's own unread message, within minutes. */
export function retractMessage(messageId: number): Promise<Message> {
  return api.post<Message>(`/api/messages/${String(messageId)}/retract`);
}

export function useRetractMessage(threadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retractMessage,
    onSettled: () => messagesChanged(queryClient, threadId),
  });
}
