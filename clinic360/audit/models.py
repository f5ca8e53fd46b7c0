"""The access log: one row per read or write of a patient's PHI (append-only)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime


class AuditAction(enum.StrEnum):
    """What was done with a patient's data (docs/API.md lists which call writes which)."""

    RECORDS_LIST = "records.list"
    RECORD_READ_HISTORY = "record.read_history"
    RECORD_CREATE = "record.create"
    RECORD_AMEND = "record.amend"
    PATIENT_READ = "patient.read"
    PATIENT_LIST = "patient.list"
    FHIR_EXPORT = "fhir.export"
    APPOINTMENT_READ_REASON = "appointment.read_reason"
    MESSAGE_LIST_THREADS = "message.list_threads"
    MESSAGE_READ_THREAD = "message.read_thread"
    MESSAGE_WRITE = "message.write"


class AccessEvent(Base):
    """Who touched whose data, when, how. Written in the transaction of the access itself.

    Migration 0040 adds triggers that refuse UPDATE and DELETE on this table, on SQLite and
    PostgreSQL. `record_id` is a plain integer (no foreign key): the log outlives anything.
    """

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_patient_at", "patient_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(16))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    request_id: Mapped[str | None] = mapped_column(String(64))
