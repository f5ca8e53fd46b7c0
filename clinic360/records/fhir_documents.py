"""Documents in the FHIR export: one R4B DocumentReference per document, at its current
version (metadata only; the attachment names the file's download address, type, size and
SHA-1 hash, the bytes stay behind the access check). Entered-in-error documents are
exported with that status."""

from __future__ import annotations

import base64

from fhir.resources.R4B.attachment import Attachment
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.documentreference import DocumentReference, DocumentReferenceContent
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.reference import Reference

from clinic360.core.schemas import format_instant
from clinic360.records.documents_schemas import DocumentOut
from clinic360.records.fhir_entries import Entries

DOCUMENT_IDENTIFIER_SYSTEM = "urn:clinic360:document"
LOINC = "http://loinc.org"
# A LOINC document type per kind (`other` has none: text only).
KIND_CODES = {
    "lab_result": ("11502-2", "Laboratory report"),
    "report": ("47045-0", "Study report"),
}
STATUS = {"current": "current", "entered_in_error": "entered-in-error"}


def add_documents(
    out: Entries, subject: Reference, patient_id: int, documents: list[DocumentOut]
) -> None:
    for document in documents:
        out.add(_reference(out, subject, patient_id, document), f"document-{document.id}")


def _reference(
    out: Entries, subject: Reference, patient_id: int, document: DocumentOut
) -> DocumentReference:
    code = KIND_CODES.get(document.kind)
    kind = CodeableConcept(
        coding=[Coding(system=LOINC, code=code[0], display=code[1])] if code else None,
        text=code[1] if code else "Other document",
    )
    author = (
        subject
        if document.uploaded_by.id == patient_id
        else out.ref("Practitioner", document.uploaded_by.id)
    )
    url = f"{out.base_url}/api/patients/{patient_id}/documents/{document.id}/content"
    return DocumentReference(
        meta=Meta(versionId=str(document.version), lastUpdated=format_instant(document.updated_at)),
        identifier=[Identifier(system=DOCUMENT_IDENTIFIER_SYSTEM, value=str(document.id))],
        status=STATUS[document.status],
        type=kind,
        subject=subject,
        date=format_instant(document.uploaded_at),
        author=[author],
        description=document.title,
        content=[
            DocumentReferenceContent(
                attachment=Attachment(
                    contentType=document.content_type,
                    url=url,
                    size=document.size,
                    hash=base64.b64encode(bytes.fromhex(document.sha1)).decode(),
                    title=document.file_name,
                    creation=format_instant(document.uploaded_at),
                )
            )
        ],
    )
