import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { messagesChanged } from "./messages-changed";
import { type Message } from "./types";

export interface AttachmentReply {
  body: string;
  file: File;
}

/** POST /api/messages/threads/:id/attachments as `multipart/form-data`: a reply with a file
 * (PDF, PNG or JPEG), which becomes a document of the patient's record. */
export function postAttachment(threadId: number, reply: AttachmentReply): Promise<Message> {
  const form = new FormData();
  form.append("body", reply.body);
  form.append("file", reply.file);
  return api.post<Message>(`/api/messages/threads/${String(threadId)}/attachments`, form);
}

export function usePostAttachment(threadId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reply: AttachmentReply) => postAttachment(threadId, reply),
    onSettled: () => messagesChanged(queryClient, threadId),
  });
}
