"""Files attached to messages, kept as documents of the patient's record: the small service
the messaging domain calls (it never touches the documents tables itself).

The caller has decided who may write and read the thread; the record's own rule
(`care.ensure_may_read_patient`) is checked again here, so an attachment never reaches
someone who could not read the patient's documents. The same type sniffing, size limit and
per-patient limit as any upload (`documents.store_new`); the upload and every download are in
the patient's access log in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.records.care import ensure_may_read_patient
from clinic360.records.documents import DocumentFile, Upload, read_file, store_new
from clinic360.records.documents_models import Document

ATTACHMENT_KIND = "other"
TITLE_MAX = 200


@dataclass(frozen=True)
class AttachedFile:
    document_id: int
    file_name: str
    content_type: str
    size: int


def attach(
    session: Session, author: User, patient_id: int, file: Upload, title: str
) -> AttachedFile:
    """Store `file` as a new document (kind `other`, titled `title`) of the patient's record."""
    ensure_may_read_patient(session, author, patient_id)
    document, _ = store_new(session, author, patient_id, file, title[:TITLE_MAX], ATTACHMENT_KIND)
    return _attached(document)


def attached_files(session: Session, document_ids: Iterable[int]) -> dict[int, AttachedFile]:
    """What the given documents are (name, type, size), by id: metadata for a thread the
    caller has authorised and audited already."""
    ids = list(document_ids)
    if not ids:
        return {}
    found = session.scalars(select(Document).where(Document.id.in_(ids))).all()
    return {document.id: _attached(document) for document in found}


def open_attached(
    session: Session, reader: User, patient_id: int, document_id: int
) -> DocumentFile:
    """The attachment's bytes for `reader`; the download is in the patient's access log."""
    ensure_may_read_patient(session, reader, patient_id)
    return read_file(session, reader, patient_id, document_id)


def _attached(document: Document) -> AttachedFile:
    return AttachedFile(
        document_id=document.id,
        file_name=document.file_name,
        content_type=document.content_type,
        size=document.size,
    )
