"""Documents of a patient's record: upload, list, download, mark entered in error.

Who: a doctor in care (lab results, reports) or the patient themselves (an earlier report)
uploads; the same people list and download (`care.ensure_may_read_patient`, before anything
about the file is looked at, so "not yours" answers exactly like "no such patient"). Every
function owns one transaction and writes the patient's access log in it before metadata or
bytes leave it. A doctor's upload queues the "a new document is available" email (no title,
no kind). Nothing is deleted: a document is marked `entered_in_error` by a new version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import IO

from flask import current_app
from pydantic import ValidationError
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from clinic360.accounts.models import Role, User
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import page_total, transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.outbox.enqueue import NewEmail, enqueue
from clinic360.outbox.models import EmailKind
from clinic360.records.care import ensure_may_read_patient
from clinic360.records.chart import among as _among
from clinic360.records.chart_rules import ensure_code
from clinic360.records.document_files import check_size, display_name, sniff
from clinic360.records.documents_models import (
    DOCUMENT_KINDS,
    DOCUMENT_STATUSES,
    Document,
    DocumentVersion,
)
from clinic360.records.documents_schemas import DocumentAmend, DocumentForm, DocumentOut
from clinic360.records.errors import DocumentLimitReached, EmptyFile, NotUploader
from clinic360.records.schemas import PersonRef
from clinic360.records.storage import content_key, document_store
from clinic360.records.versioning import advance, ensure_base, insert_version

# Built once: an alias made per call costs milliseconds of SQLAlchemy adaptation per query
# (profiled in bench/bench_patient_page.py), the same alias reused costs nothing.
UPLOADER = aliased(User, name="uploader")
WRITER = aliased(User, name="writer")


@dataclass(frozen=True)
class Upload:
    """The file part of an upload: the client's name (display only) and its stream."""

    name: str | None
    stream: IO[bytes]


@dataclass(frozen=True)
class DocumentFile:
    file_name: str
    content_type: str
    data: bytes


def upload(
    user: User, patient_id: int, file: Upload | None, fields: Mapping[str, str]
) -> DocumentOut:
    """Store the file and its version 1. Raises as `ensure_may_read_patient`, then 422
    (`validation_error`, `unknown_code`, `empty_file`, `unsupported_file_type`,
    `document_limit_reached`) or 413 `file_too_large`; nothing is written then."""
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        form = _form(fields)
        ensure_code("kind", form.kind, DOCUMENT_KINDS)
        document, version = store_new(session, user, patient_id, file, form.title, form.kind)
        if user.role == Role.DOCTOR.value:
            enqueue(
                session,
                NewEmail(
                    kind=EmailKind.DOCUMENT_AVAILABLE,
                    recipient_id=patient_id,
                    idempotency_key=f"document:{document.id}",
                    params={},
                ),
            )
        author = PersonRef(id=user.id, full_name=user.full_name)
        return _out(document, version, author, author)


def store_new(
    session: Session, user: User, patient_id: int, file: Upload | None, title: str, kind: str
) -> tuple[Document, DocumentVersion]:
    """The file and its version 1 in `session`, and the upload in the access log: for a
    caller who has authorised `user` for the patient already. Raises 422 (`empty_file`,
    `unsupported_file_type`, `document_limit_reached`) or 413 `file_too_large`."""
    limit: int = current_app.config["DOCUMENT_MAX_BYTES"]
    now = utcnow()
    if file is None:
        raise EmptyFile({"file": "is required"})
    data = file.stream.read(limit + 1)
    check_size(data, limit)
    content_type, extension = sniff(data)
    held = session.scalar(
        select(func.count()).select_from(Document).where(Document.patient_id == patient_id)
    )
    if (held or 0) >= current_app.config["DOCUMENT_MAX_PER_PATIENT"]:
        raise DocumentLimitReached({"file": "this patient's record holds too many documents"})
    key = document_store().put(session, data)  # the file first, then the rows
    document = Document(
        patient_id=patient_id,
        uploaded_by=user.id,
        uploaded_at=now,
        current_version=1,
        storage_key=key,
        content_type=content_type,
        size=len(data),
        sha256=content_key(data),
        sha1=hashlib.sha1(data, usedforsecurity=False).hexdigest(),  # FHIR Attachment.hash
        file_name=display_name(file.name, extension),
    )
    session.add(document)
    session.flush()
    version = DocumentVersion(
        document_id=document.id,
        version=1,
        title=title,
        kind=kind,
        status="current",
        written_by=user.id,
        written_at=now,
    )
    session.add(version)
    session.flush()
    record_access(session, user, AuditAction.DOCUMENT_UPLOAD, [patient_id], document.id)
    return document, version


def list_documents(
    user: User, patient_id: int, limit: int, offset: int
) -> tuple[list[DocumentOut], int]:
    """The patient's documents (metadata, current versions, entered-in-error ones too),
    newest first, and their total."""
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        record_access(session, user, AuditAction.DOCUMENTS_LIST, [patient_id])
        return documents_out(session, patient_id, limit, offset)


def documents_out(
    session: Session,
    patient_id: int,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> tuple[list[DocumentOut], int]:
    """The patient's documents as answers, only those of `ids` when given (for services of
    this domain that have authorised and audited already: the FHIR export, the timeline),
    and their total (`page_total`)."""
    uploader, writer = UPLOADER, WRITER
    owned = (Document.patient_id == patient_id, *_among(Document.id, ids))
    rows = session.execute(
        select(Document, DocumentVersion, uploader.full_name, writer.full_name)
        .where(*owned)
        .join(
            DocumentVersion,
            and_(
                DocumentVersion.document_id == Document.id,
                DocumentVersion.version == Document.current_version,
            ),
        )
        .join(uploader, uploader.id == Document.uploaded_by)
        .join(writer, writer.id == DocumentVersion.written_by)
        .order_by(Document.uploaded_at.desc(), Document.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    items = [
        _out(
            document,
            version,
            PersonRef(id=document.uploaded_by, full_name=uploaded_by),
            PersonRef(id=version.written_by, full_name=written_by),
        )
        for document, version, uploaded_by, written_by in rows
    ]
    counted = select(Document.id).where(*owned)
    return items, page_total(session, counted, len(items), limit, offset)


def download(user: User, patient_id: int, document_id: int) -> DocumentFile:
    """The document's bytes, its sniffed type and cleaned name (also when entered in error:
    nothing is ever hidden from those who may read the record)."""
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        return read_file(session, user, patient_id, document_id)


def read_file(session: Session, user: User, patient_id: int, document_id: int) -> DocumentFile:
    """The document's file, with the download in the access log: for a caller who has
    authorised `user` for the patient already. NotFound when not the patient's."""
    document = _document(session, patient_id, document_id)
    record_access(session, user, AuditAction.DOCUMENT_DOWNLOAD, [patient_id], document.id)
    data = document_store().get(session, document.storage_key)
    return DocumentFile(document.file_name, document.content_type, data)


def amend(user: User, patient_id: int, document_id: int, data: DocumentAmend) -> DocumentOut:
    """The document's next version (a doctor in care, or the patient for a document they
    uploaded; `reason` required). Raises NotFound, NotUploader, VersionConflict, 422s."""
    now = utcnow()
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        document = _document(session, patient_id, document_id, lock=True)
        if user.role == Role.PATIENT.value and document.uploaded_by != user.id:
            raise NotUploader()
        seen = document.current_version
        ensure_base(data.base_version, seen)
        current = session.get(DocumentVersion, (document.id, seen))
        assert current is not None  # every head has its current version
        changes = data.model_dump(include={"status", "title", "kind"}, exclude_none=True)
        values = {"status": current.status, "title": current.title, "kind": current.kind}
        values.update(changes)
        ensure_code("status", values["status"], DOCUMENT_STATUSES)
        ensure_code("kind", values["kind"], DOCUMENT_KINDS)
        number = advance(session, Document, document.id, seen)
        version = DocumentVersion(
            document_id=document.id,
            version=number,
            written_by=user.id,
            written_at=now,
            reason=data.reason,
            **values,
        )
        insert_version(session, version)
        record_access(session, user, AuditAction.DOCUMENT_AMEND, [patient_id], document.id)
        uploader = session.get(User, document.uploaded_by)
        assert uploader is not None
        return _out(
            document,
            version,
            PersonRef(id=uploader.id, full_name=uploader.full_name),
            PersonRef(id=user.id, full_name=user.full_name),
        )


def _form(fields: Mapping[str, str]) -> DocumentForm:
    try:
        return DocumentForm.model_validate({k: fields[k] for k in ("title", "kind") if k in fields})
    except ValidationError as exc:
        errors = {str(e["loc"][0]) if e["loc"] else "body": e["msg"] for e in exc.errors()}
        raise ValidationFailed(errors) from None


def _document(session: Session, patient_id: int, document_id: int, lock: bool = False) -> Document:
    query = select(Document).where(Document.id == document_id, Document.patient_id == patient_id)
    if lock:
        query = query.with_for_update(key_share=True)
    document = session.scalar(query)
    if document is None:
        raise NotFound()
    return document


def _out(
    document: Document, version: DocumentVersion, uploaded_by: PersonRef, updated_by: PersonRef
) -> DocumentOut:
    return DocumentOut(
        id=document.id,
        patient_id=document.patient_id,
        version=version.version,
        title=version.title,
        kind=version.kind,
        status=version.status,
        file_name=document.file_name,
        content_type=document.content_type,
        size=document.size,
        sha256=document.sha256,
        sha1=document.sha1,
        uploaded_at=document.uploaded_at,
        uploaded_by=uploaded_by,
        updated_at=version.written_at,
        updated_by=updated_by,
        reason=version.reason,
    )
