"""Message threads between a patient and a doctor, their messages, and blocks.

Nothing here is ever deleted: migration 0170 adds triggers (SQLite and PostgreSQL) that
refuse DELETE on threads and messages, any UPDATE of a thread other than its status and
times, and any UPDATE of a message other than setting `read_at` or `retracted_at` once.
A retracted message keeps its row and its body (the trail); the API shows it as retracted.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime

SUBJECT_MAX_CHARS = 120


class ThreadStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class MessageThread(Base):
    __tablename__ = "message_threads"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status_known"),
        CheckConstraint("patient_id <> doctor_id", name="two_people"),
        Index("ix_message_threads_patient_last", "patient_id", "last_message_at"),
        Index("ix_message_threads_doctor_last", "doctor_id", "last_message_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX_CHARS))
    status: Mapped[str] = mapped_column(String(8), default=ThreadStatus.OPEN.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Message(Base):
    """One message; `sender_id` NULL is the clinic's automatic first reply."""

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("length(body) > 0", name="body_not_empty"),
        # Retracting needs the message unread, and a retracted message is never read.
        CheckConstraint("read_at IS NULL OR retracted_at IS NULL", name="read_or_retracted"),
        Index("ix_messages_thread_created", "thread_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("message_threads.id"))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retracted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MessageAttachment(Base):
    """A message's file: a document of the thread patient's record (`records.documents`),
    one per message, each document attached once. Migration 0290 refuses UPDATE and DELETE."""

    __tablename__ = "message_attachments"

    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)


class MessageBlock(Base):
    """A doctor stopped a patient from writing to them; the patient is shown `reason`."""

    __tablename__ = "message_blocks"

    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
