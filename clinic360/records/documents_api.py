"""Documents endpoints: `GET`/`POST /api/patients/:id/documents` (list; upload as
`multipart/form-data`, the only non-JSON body of the API), `PUT …/documents/:documentId`
(a new version: entered in error, with a reason) and `GET …/documents/:documentId/content`
(the file, as an attachment). Handlers are thin: role, one service call, serialise."""

from __future__ import annotations

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag
from pydantic import RootModel
from werkzeug.exceptions import RequestEntityTooLarge

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.core.http import accept_upload, json_response
from clinic360.core.schemas import Page
from clinic360.records import documents
from clinic360.records.chart_schemas import PatientPath
from clinic360.records.documents_schemas import (
    UPLOAD_BODY,
    DocumentAmend,
    DocumentOut,
    DocumentPath,
)
from clinic360.records.errors import FileTooLarge

documents_bp = APIBlueprint(
    "documents", __name__, url_prefix="/api", abp_tags=[Tag(name="documents")]
)


SANDBOX = "sandbox; default-src 'none'; frame-ancestors 'none'"
"""Even if a browser opened a file in place, nothing in it could run or load."""


class DocumentList(RootModel[list[DocumentOut]]):
    pass


@documents_bp.get("/patients/<int:id>/documents", responses={200: DocumentList})
def list_documents(path: PatientPath, query: Page) -> Response:
    """Patient `:id`'s documents (metadata), newest first: that patient, or a doctor in
    their care (others 404)."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    items, total = documents.list_documents(user, path.id, query.limit, query.offset)
    return json_response(items, total=total)


@documents_bp.post(
    "/patients/<int:id>/documents",
    responses={201: DocumentOut},
    openapi_extensions={"requestBody": UPLOAD_BODY},
)
def upload_document(path: PatientPath) -> Response:
    """Upload a PDF, PNG or JPEG (`multipart/form-data`: `file`, `title`, `kind`) to patient
    `:id`'s record: a doctor in their care, or the patient. The type is read from the
    bytes; 413 `file_too_large`, 422 `empty_file`/`unsupported_file_type`."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    try:
        part = request.files.get("file")
        fields = request.form.to_dict()
    except RequestEntityTooLarge:
        raise FileTooLarge() from None
    upload = documents.Upload(part.filename, part.stream) if part is not None else None
    return json_response(documents.upload(user, path.id, upload, fields), 201)


@documents_bp.put("/patients/<int:id>/documents/<int:document_id>", responses={200: DocumentOut})
def amend_document(path: DocumentPath, body: DocumentAmend) -> Response:
    """A new version of document `:document_id` (`reason` required), e.g. `status:
    entered_in_error`: a doctor in care, or the patient for their own upload. The file stays."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    return json_response(documents.amend(user, path.id, path.document_id, body))


@documents_bp.get("/patients/<int:id>/documents/<int:document_id>/content")
def download_document(path: DocumentPath) -> Response:
    """The file of document `:document_id`, as an attachment of its sniffed type (never
    rendered inline): that patient, or a doctor in their care."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    return file_response(documents.download(user, path.id, path.document_id))


def file_response(found: documents.DocumentFile) -> Response:
    """A stored file as a download: an attachment of its sniffed type, `nosniff`, sandboxed,
    never cached (the one way any stored file leaves the server)."""
    response = Response(found.data, mimetype=found.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{found.file_name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = SANDBOX
    response.headers["Cache-Control"] = "private, no-store"
    return response


accept_upload("documents.upload_document", "DOCUMENT_MAX_BYTES")
