import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type DocumentAmend, type PatientDocument } from "./types";

/** PUT /api/patients/:id/documents/:documentId: a new version (e.g. entered in error, with a reason). */
export function amendDocument(patientId: number, documentId: number, body: DocumentAmend): Promise<PatientDocument> {
  return api.put<PatientDocument>(`/api/patients/${String(patientId)}/documents/${String(documentId)}`, body);
}

export function useAmendDocument(patientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, body }: { documentId: number; body: DocumentAmend }) =>
      amendDocument(patientId, documentId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.records.documents(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.timeline(patientId) }),
      ]),
  });
}
