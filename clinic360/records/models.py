"""Medical records and their versions. Nothing here is ever deleted or overwritten.

A record is a head row (who, whose, which appointment, current version); its clinical
content lives in `record_versions`, one row per version, unique on (record_id, version).
Migration 0040 adds triggers that refuse DELETE on both tables, UPDATE on versions, and any
UPDATE of a head other than `current_version + 1`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime


class MedicalRecord(Base):
    __tablename__ = "medical_records"
    __table_args__ = (
        # The appointment, when given, must be one between this patient and this doctor.
        ForeignKeyConstraint(
            ["appointment_id", "patient_id", "doctor_id"],
            ["appointments.id", "appointments.patient_id", "appointments.doctor_id"],
            name="fk_medical_records_appointment_same_people",
        ),
        CheckConstraint("current_version >= 1", name="version_positive"),
        Index("ix_medical_records_patient_created", "patient_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    appointment_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    current_version: Mapped[int] = mapped_column(Integer, default=1)


class RecordVersion(Base):
    __tablename__ = "record_versions"
    __table_args__ = (
        CheckConstraint(
            "(version = 1 AND amended_at IS NULL AND amended_by IS NULL "
            "AND amendment_reason IS NULL) OR (version > 1 AND amended_at IS NOT NULL "
            "AND amended_by IS NOT NULL AND amendment_reason IS NOT NULL)",
            name="amendment_complete",
        ),
    )

    record_id: Mapped[int] = mapped_column(ForeignKey("medical_records.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    diagnosis: Mapped[str] = mapped_column(String(500))
    prescription: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    amended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    amended_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    amendment_reason: Mapped[str | None] = mapped_column(String(500))
    content_sha256: Mapped[str] = mapped_column(String(64))
