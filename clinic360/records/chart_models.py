"""The patient's chart lists: allergies, problems, medications, vitals. Never deleted.

One generic shape for the four lists. A head row `chart_entries` (whose chart, which list,
who added it, when, current version) and, per list, a table of versions holding the
clinical content, unique on (entry_id, version). Every version carries its status, who
wrote it and when; every version after the first carries the reason for the change.
"Removing" an entry is a new version with the status `entered_in_error`.

Migration 0160 adds triggers that refuse DELETE on heads and versions, UPDATE on versions,
and any UPDATE of a head other than `current_version + 1` (as for medical records).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime
from clinic360.records.vital_measures import MEASURES


class ChartKind(enum.StrEnum):
    ALLERGY = "allergy"
    PROBLEM = "problem"
    MEDICATION = "medication"
    VITAL = "vital"


ENTERED_IN_ERROR = "entered_in_error"
ALLERGY_STATUSES = ("active", "inactive", ENTERED_IN_ERROR)
PROBLEM_STATUSES = ("active", "resolved", ENTERED_IN_ERROR)
MEDICATION_STATUSES = ("active", "stopped", ENTERED_IN_ERROR)
VITAL_STATUSES = ("final", ENTERED_IN_ERROR)
SEVERITIES = ("mild", "moderate", "severe")


def one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ChartEntry(Base):
    __tablename__ = "chart_entries"
    __table_args__ = (
        CheckConstraint(one_of("kind", tuple(k.value for k in ChartKind)), name="kind_known"),
        CheckConstraint("current_version >= 1", name="version_positive"),
        Index("ix_chart_entries_patient_kind", "patient_id", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    current_version: Mapped[int] = mapped_column(Integer, default=1)


def version_checks(statuses: tuple[str, ...], *checks: tuple[str, str]) -> tuple[Any, ...]:
    """The CHECK constraints of a version table: a reason exactly on versions after the
    first, a known status, and the list's own `(name, condition)` checks."""
    return (
        CheckConstraint(
            "(version = 1 AND reason IS NULL) OR (version > 1 AND reason IS NOT NULL)",
            name="reason_on_amendments",
        ),
        CheckConstraint(one_of("status", statuses), name="status_known"),
        *(CheckConstraint(condition, name=name) for name, condition in checks),
    )


class EntryVersion:
    """Columns every version table has (a mixin: each list has its own table)."""

    entry_id: Mapped[int] = mapped_column(ForeignKey("chart_entries.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    written_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(String(500))


class AllergyVersion(EntryVersion, Base):
    __tablename__ = "allergy_versions"
    __table_args__ = version_checks(
        ALLERGY_STATUSES,
        ("severity_known", f"severity IS NULL OR {one_of('severity', SEVERITIES)}"),
    )

    substance: Mapped[str] = mapped_column(String(200))
    reaction: Mapped[str | None] = mapped_column(String(500))
    severity: Mapped[str | None] = mapped_column(String(10))
    onset_date: Mapped[date | None] = mapped_column(Date)


class ProblemVersion(EntryVersion, Base):
    __tablename__ = "problem_versions"
    __table_args__ = version_checks(
        PROBLEM_STATUSES,
        (
            "resolved_after_onset",
            "resolved_date IS NULL OR onset_date IS NULL OR resolved_date >= onset_date",
        ),
    )

    condition: Mapped[str] = mapped_column(String(500))
    onset_date: Mapped[date | None] = mapped_column(Date)
    resolved_date: Mapped[date | None] = mapped_column(Date)


class MedicationVersion(EntryVersion, Base):
    __tablename__ = "medication_versions"
    __table_args__ = version_checks(
        MEDICATION_STATUSES,
        ("stop_after_start", "stop_date IS NULL OR start_date IS NULL OR stop_date >= start_date"),
    )

    name: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str | None] = mapped_column(String(100))
    route: Mapped[str | None] = mapped_column(String(100))
    frequency: Mapped[str | None] = mapped_column(String(100))
    start_date: Mapped[date | None] = mapped_column(Date)
    stop_date: Mapped[date | None] = mapped_column(Date)
    prescriber: Mapped[str | None] = mapped_column(String(200))


def _plausible(column: str, low: float, high: float) -> tuple[str, str]:
    return (f"{column}_plausible", f"{column} IS NULL OR {column} BETWEEN {low:g} AND {high:g}")


class VitalVersion(EntryVersion, Base):
    __tablename__ = "vital_versions"
    __table_args__ = version_checks(
        VITAL_STATUSES,
        *(_plausible(m.column, m.low, m.high) for m in MEASURES),
        (
            "blood_pressure_pair",
            "(systolic IS NULL AND diastolic IS NULL) OR "
            "(systolic IS NOT NULL AND diastolic IS NOT NULL AND systolic > diastolic)",
        ),
        ("some_value", " OR ".join(f"{m.column} IS NOT NULL" for m in MEASURES)),
    )

    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    systolic: Mapped[int | None] = mapped_column(Integer)
    diastolic: Mapped[int | None] = mapped_column(Integer)
    heart_rate: Mapped[int | None] = mapped_column(Integer)
    temperature: Mapped[float | None] = mapped_column(Float)
    weight: Mapped[float | None] = mapped_column(Float)
    height: Mapped[float | None] = mapped_column(Float)
    oxygen_saturation: Mapped[int | None] = mapped_column(Integer)
