import { useId, useRef, useState, type SyntheticEvent } from "react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { isApiError } from "@/lib/api-client";

import { useUploadDocument } from "../../api/upload-document";
import { type DocumentKind } from "../../api/types";

export const KIND_LABELS: Record<DocumentKind, string> = {
  lab_result: "Lab result",
  report: "Report",
  other: "Other",
};

/** The words for an upload's problem code (docs/API.md "Documents"). */
export function uploadErrorMessage(error: unknown): string {
  if (!isApiError(error)) return "The upload failed. Try again in a moment.";
  switch (error.code) {
    case "unsupported_file_type":
      return "This file is not a PDF, PNG or JPEG. Choose one of those.";
    case "empty_file":
      return "The file is empty (or none was chosen). Choose a file to upload.";
    case "file_too_large":
      return "The file is too large. Upload a smaller file (at most 10 MB).";
    case "document_limit_reached":
      return "This record holds as many documents as allowed.";
    case "not_found":
      return "Not found, or not available to you.";
    default:
      return error.detail ?? "The upload failed. Try again in a moment.";
  }
}

/** Choose a PDF/PNG/JPEG, a title and a kind; "Upload document". */
export function UploadDocumentForm({ patientId, defaultKind }: { patientId: number; defaultKind: DocumentKind }) {
  const upload = useUploadDocument(patientId);
  const formId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<DocumentKind>(defaultKind);
  const [missing, setMissing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setDone(null);
    if (file === undefined || title.trim() === "") {
      setMissing(file === undefined ? "Choose a file to upload." : "Give the document a title.");
      return;
    }
    setMissing(null);
    upload.mutate(
      { file, title: title.trim(), kind },
      {
        onSuccess: (made) => {
          setTitle("");
          if (fileInput.current) fileInput.current.value = "";
          setDone(`Uploaded ${made.title}.`);
        },
      },
    );
  }

  const error = missing ?? (upload.isError ? uploadErrorMessage(upload.error) : null);
  return (
    <form aria-labelledby={`${formId}-heading`} onSubmit={submit} className="grid gap-3 rounded-md border p-4" noValidate>
      <h3 id={`${formId}-heading`} className="font-medium">
        Upload a document
      </h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="File (PDF, PNG or JPEG)" required>
          {(field) => (
            <Input {...field} ref={fileInput} type="file" name="file" accept=".pdf,.png,.jpg,.jpeg" />
          )}
        </FormField>
        <FormField label="Title" required>
          {(field) => (
            <Input
              {...field}
              name="title"
              maxLength={200}
              value={title}
              onChange={(event) => { setTitle(event.target.value); }}
            />
          )}
        </FormField>
        <FormField label="Kind">
          {(field) => (
            <NativeSelect
              {...field}
              name="kind"
              value={kind}
              onChange={(event) => { setKind(event.target.value as DocumentKind); }}
            >
              {Object.entries(KIND_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
      </div>
      {error !== null && (
        <Alert variant="destructive" live>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {done !== null && (
        <p role="status" className="text-sm text-muted-foreground">
          {done}
        </p>
      )}
      <div>
        <Button type="submit" disabled={upload.isPending}>
          {upload.isPending ? "Uploading…" : "Upload document"}
        </Button>
      </div>
    </form>
  );
}
