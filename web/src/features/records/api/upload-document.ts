import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

import { type DocumentKind, type PatientDocument } from "./types";

export interface DocumentUpload {
  file: File;
  title: string;
  kind: DocumentKind;
}

/** POST /api/patients/:id/documents as `multipart/form-data` (the patient, or a doctor in care). */
export function uploadDocument(patientId: number, upload: DocumentUpload): Promise<PatientDocument> {
  const form = new FormData();
  form.append("file", upload.file);
  form.append("title", upload.title);
  form.append("kind", upload.kind);
  return api.post<PatientDocument>(`/api/patients/${String(patientId)}/documents`, form);
}

export function useUploadDocument(patientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upload: DocumentUpload) => uploadDocument(patientId, upload),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.records.documents(patientId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.records.timeline(patientId) }),
      ]),
  });
}
