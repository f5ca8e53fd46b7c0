"""Intake questionnaires: a visit type's questions, and a patient's answers before a visit.

`intake_questions` belong to a visit type (the schedules domain's table, by foreign key
only). A question never changes once written: saving a visit type's questions retires the
old set (`active = false`) and writes the new one, so an answer always points at exactly the
question that was asked. `intake_responses` is the head of one appointment's answers (one per
appointment); `intake_response_versions` holds each answer set (never updated, never
deleted); `intake_taken` remembers which answer a doctor took into a chart list (once each).

Migration 0260 adds triggers that refuse DELETE on responses, versions and takes, UPDATE on
versions and takes, and any UPDATE of a response head other than `current_version + 1`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime
from clinic360.records.chart_models import one_of

QUESTION_KINDS = ("text", "yes_no", "one_choice", "several_choices", "number")
CHOICE_KINDS = ("one_choice", "several_choices")
MAPS_TO = ("allergies", "medications")
TAKEABLE_KINDS = ("text", "one_choice", "several_choices")
"""Kinds whose answers can become a chart entry (a substance or a medication's name)."""
MAX_PROMPT_LENGTH = 300
MAX_OPTION_LENGTH = 200
MAX_OPTIONS = 20


class IntakeQuestion(Base):
    __tablename__ = "intake_questions"
    __table_args__ = (
        CheckConstraint(one_of("kind", QUESTION_KINDS), name="kind_known"),
        CheckConstraint(f"maps_to IS NULL OR {one_of('maps_to', MAPS_TO)}", name="maps_to_known"),
        CheckConstraint("position >= 0", name="position_positive"),
        Index("ix_intake_questions_type", "visit_type_id", "active", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_type_id: Mapped[int] = mapped_column(ForeignKey("visit_types.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(String(MAX_PROMPT_LENGTH))
    options: Mapped[list[str] | None] = mapped_column(JSON)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    maps_to: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IntakeResponse(Base):
    __tablename__ = "intake_responses"
    __table_args__ = (
        CheckConstraint("current_version >= 1", name="version_positive"),
        UniqueConstraint("appointment_id"),
        Index("ix_intake_responses_patient", "patient_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointments.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    current_version: Mapped[int] = mapped_column(Integer, default=1)


class IntakeResponseVersion(Base):
    """One answer set: `answers` is a list of `{"questionId": int, "value": …}`."""

    __tablename__ = "intake_response_versions"

    response_id: Mapped[int] = mapped_column(ForeignKey("intake_responses.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    answers: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    written_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IntakeTaken(Base):
    """An answer a doctor took into a chart list (the entry it became)."""

    __tablename__ = "intake_taken"
    __table_args__ = (
        UniqueConstraint("response_id", "question_id", "value"),
        CheckConstraint(one_of("list", MAPS_TO), name="list_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("intake_responses.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("intake_questions.id"))
    value: Mapped[str] = mapped_column(String(MAX_OPTION_LENGTH))
    list: Mapped[str] = mapped_column(String(20))
    chart_entry_id: Mapped[int] = mapped_column(ForeignKey("chart_entries.id"))
    taken_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
