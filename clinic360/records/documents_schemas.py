"""Request and response bodies of the documents endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from clinic360.core.schemas import ApiModel, Id, UtcInstant
from clinic360.records.chart_schemas import Codes, Line200
from clinic360.records.documents_models import CONTENT_TYPES, DOCUMENT_KINDS, DOCUMENT_STATUSES
from clinic360.records.schemas import PersonRef, Reason

Kind = Annotated[str, Codes(DOCUMENT_KINDS)]
Status = Annotated[str, Codes(DOCUMENT_STATUSES)]


class DocumentForm(ApiModel):
    """The text fields of an upload (`multipart/form-data`, besides `file`)."""

    title: Line200
    kind: Kind = "other"


class DocumentPath(ApiModel):
    id: Id
    document_id: Id = Field(alias="document_id")


class DocumentAmend(ApiModel):
    """Mark a document entered in error (or current again), or correct its title or kind:
    a new version with a `reason`; the file is never changed or deleted."""

    reason: Reason
    status: Status | None = None
    title: Line200 | None = None
    kind: Kind | None = None
    base_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


class DocumentOut(ApiModel):
    """One document's metadata (never its bytes: `GET …/documents/:documentId/content`)."""

    id: int
    patient_id: int
    version: int
    title: str
    kind: Kind
    status: Status
    file_name: str
    content_type: Annotated[str, Codes(CONTENT_TYPES)]
    size: int
    sha256: str
    sha1: str
    uploaded_at: UtcInstant
    uploaded_by: PersonRef
    updated_at: UtcInstant
    updated_by: PersonRef
    reason: str | None


UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file", "title"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "title": {"type": "string", "minLength": 1, "maxLength": 200},
                    "kind": {"type": "string", "enum": list(DOCUMENT_KINDS)},
                },
            }
        }
    },
}
"""The upload's body in the OpenAPI document (read by the handler, after authorisation)."""
