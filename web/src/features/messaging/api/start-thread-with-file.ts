import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { type StartThreadInput, threadStarted } from "./start-thread";
import { type ThreadDetail } from "./types";

export type StartThreadWithFileInput = StartThreadInput & { file: File };

/** POST /api/messages/threads/attachments as `multipart/form-data` (patients): a new thread
 * whose first message carries a file (PDF, PNG or JPEG), which becomes a document of the
 * thread patient's record. A refused file leaves no thread. */
export function startThreadWithFile({ file, ...fields }: StartThreadWithFileInput): Promise<ThreadDetail> {
  const form = new FormData();
  form.append("doctorId", String(fields.doctorId));
  if (fields.patientId !== undefined && fields.patientId !== null) form.append("patientId", String(fields.patientId));
  form.append("subject", fields.subject);
  form.append("body", fields.body);
  form.append("file", file);
  return api.post<ThreadDetail>("/api/messages/threads/attachments", form);
}

export function useStartThreadWithFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startThreadWithFile,
    onSuccess: (thread) => threadStarted(queryClient, thread),
  });
}
