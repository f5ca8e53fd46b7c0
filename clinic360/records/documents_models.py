"""Documents attached to a patient's record (lab results, reports, the patient's own uploads).

A head row `documents` holds what never changes: whose, who uploaded it, when, and the file
(its storage key, sniffed content type, size, SHA-256, cleaned display name). Its versions
(`document_versions`, unique on (document_id, version)) hold the title, kind and status;
"removing" a document is a new version with the status `entered_in_error` and a reason, the
file is kept. `document_blobs` holds the bytes when they are stored in the database
(PostgreSQL, `DOCUMENT_STORAGE=database`), keyed by their SHA-256.

Migration 0250 adds triggers that refuse DELETE on all three tables, UPDATE on versions and
blobs, and any UPDATE of a head other than `current_version + 1`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime
from clinic360.records.chart_models import ENTERED_IN_ERROR, one_of

DOCUMENT_KINDS = ("lab_result", "report", "other")
DOCUMENT_STATUSES = ("current", ENTERED_IN_ERROR)
CONTENT_TYPES = ("application/pdf", "image/png", "image/jpeg")


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("current_version >= 1", name="version_positive"),
        CheckConstraint("size > 0", name="size_positive"),
        CheckConstraint(one_of("content_type", CONTENT_TYPES), name="content_type_known"),
        Index("ix_documents_patient_at", "patient_id", "uploaded_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    storage_key: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    sha1: Mapped[str] = mapped_column(String(40))
    """For FHIR's `Attachment.hash` (SHA-1 by definition); the key and checks use SHA-256."""
    file_name: Mapped[str] = mapped_column(String(120))


class DocumentVersion(Base):
    __tablename__ = "document_versions"
    __table_args__ = (
        CheckConstraint(
            "(version = 1 AND reason IS NULL) OR (version > 1 AND reason IS NOT NULL)",
            name="reason_on_amendments",
        ),
        CheckConstraint(one_of("status", DOCUMENT_STATUSES), name="status_known"),
        CheckConstraint(one_of("kind", DOCUMENT_KINDS), name="kind_known"),
    )

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(20))
    written_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(String(500))


class DocumentBlob(Base):
    """A file's bytes, stored in the database (content-addressed: the key is its SHA-256)."""

    __tablename__ = "document_blobs"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
