import { Download } from "lucide-react";
import { useId, useState } from "react";

import { ListSkeleton, QueryError, errorMessage } from "@/components/query-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatInstant } from "@/lib/format";

import { useAmendDocument } from "../../api/amend-document";
import { documentContentUrl } from "../../api/document-content";
import { useDocuments } from "../../api/get-documents";
import { type PatientDocument } from "../../api/types";
import { KIND_LABELS, UploadDocumentForm } from "./upload-document-form";

function size(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Mark entered in error" with a reason: a new version, the file stays. */
function MarkInError({ patientId, document }: { patientId: number; document: PatientDocument }) {
  const amend = useAmendDocument(patientId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  if (!open) {
    return (
      <Button
        variant="outline"
        size="sm"
        aria-label={`Mark entered in error: ${document.title}`}
        onClick={() => { setOpen(true); }}
      >
        Mark entered in error
      </Button>
    );
  }
  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === "") return;
        amend.mutate({ documentId: document.id, body: { status: "entered_in_error", reason: reason.trim() } });
      }}
    >
      <label htmlFor={reasonId} className="text-sm font-medium">
        Reason
      </label>
      <Input id={reasonId} required maxLength={500} value={reason} onChange={(e) => { setReason(e.target.value); }} />
      {amend.isError && <p role="alert" className="text-sm text-destructive">{errorMessage(amend.error)}</p>}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={amend.isPending}>Save</Button>
        <Button type="button" size="sm" variant="ghost" onClick={() => { setOpen(false); }}>Cancel</Button>
      </div>
    </form>
  );
}

/**
 * The patient's documents (newest first) with a download link each, and the upload form: on
 * the doctor's patient page (`doctor`: lab result by default, may mark entered in error) and
 * on the patient's own medical records page.
 */
export function DocumentsSection({
  patientId,
  timeZone,
  viewerId,
  doctor,
}: {
  patientId: number;
  timeZone: string;
  viewerId: number;
  doctor: boolean;
}) {
  const headingId = useId();
  const documents = useDocuments(patientId);
  return (
    <section aria-labelledby={headingId} className="grid gap-3">
      <h2 id={headingId} className="text-lg font-semibold">
        Documents
      </h2>
      {documents.isPending ? (
        <ListSkeleton label="Loading documents" rows={1} />
      ) : documents.isError ? (
        <QueryError error={documents.error} />
      ) : documents.data.items.length === 0 ? (
        <p className="text-muted-foreground">No documents yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-md border">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Documents, newest first</caption>
            <thead className="bg-muted/50">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Title</th>
                <th scope="col" className="px-3 py-2 font-medium">Kind</th>
                <th scope="col" className="px-3 py-2 font-medium">Added</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
                <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {documents.data.items.map((document) => (
                <tr key={document.id} className="border-t align-top">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {document.title}
                    <span className="block text-xs font-normal text-muted-foreground">
                      {document.fileName}, {size(document.size)}
                    </span>
                  </th>
                  <td className="px-3 py-2">{KIND_LABELS[document.kind]}</td>
                  <td className="px-3 py-2 text-muted-foreground">
                    {document.uploadedBy.fullName}, {formatInstant(document.uploadedAt, timeZone)}
                  </td>
                  <td className="px-3 py-2">
                    {document.status === "entered_in_error" ? (
                      <Badge variant="outline" title={document.reason ?? undefined}>Entered in error</Badge>
                    ) : (
                      <Badge variant="secondary">Current</Badge>
                    )}
                  </td>
                  <td className="grid gap-2 px-3 py-2">
                    <Button asChild variant="outline" size="sm">
                      <a
                        href={documentContentUrl(patientId, document.id)}
                        download={document.fileName}
                        aria-label={`Download ${document.title}`}
                      >
                        <Download aria-hidden="true" />
                        Download
                      </a>
                    </Button>
                    {document.status === "current" && (doctor || document.uploadedBy.id === viewerId) && (
                      <MarkInError patientId={patientId} document={document} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <UploadDocumentForm patientId={patientId} defaultKind={doctor ? "lab_result" : "report"} />
    </section>
  );
}
