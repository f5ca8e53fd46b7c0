"""Schedule entries (a doctor's opening and closing windows, weekly or on one date) and
visit types (what a visit is for: its length, buffers and booking rules)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from clinic360.core import cache
from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime

MINUTES_PER_DAY = 24 * 60


class ScheduleEntry(Base):
    """One window [start_minute, end_minute) on the doctor's wall clock.

    Exactly one of `day_of_week` (0 = Sunday … 6 = Saturday, repeats every week) and
    `date` is set. A dated entry covers the local dates `date` … `end_date` (both
    included; equal for one date) and applies its window on each of them. Minutes count
    from local midnight; an end of 1440 means "until midnight" (`"24:00"` on the wire).
    """

    __tablename__ = "schedule_entries"
    __table_args__ = (
        CheckConstraint(
            "(day_of_week IS NULL AND date IS NOT NULL) OR "
            "(day_of_week IS NOT NULL AND date IS NULL)",
            name="weekly_xor_dated",
        ),
        CheckConstraint("day_of_week BETWEEN 0 AND 6", name="day_of_week_range"),
        CheckConstraint(
            "(date IS NULL AND end_date IS NULL) OR "
            "(date IS NOT NULL AND end_date IS NOT NULL AND end_date >= date)",
            name="dated_range_valid",
        ),
        CheckConstraint(
            f"start_minute >= 0 AND end_minute <= {MINUTES_PER_DAY} AND start_minute < end_minute",
            name="window_valid",
        ),
        Index("ix_schedule_entries_doctor_id", "doctor_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day_of_week: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)  # `date` above shadows the type
    start_minute: Mapped[int] = mapped_column(Integer)
    end_minute: Mapped[int] = mapped_column(Integer)
    is_available: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


MIN_VISIT_MINUTES, MAX_VISIT_MINUTES = 5, 240
"""A visit type's length and slot grid, in minutes (`MAX_APPOINTMENT_MINUTES`)."""
MAX_BUFFER_MINUTES = 60
"""The longest buffer before or after a visit; range reads look back this far too."""
MAX_NOTICE_MINUTES = 30 * 24 * 60
"""The longest minimum notice (30 days)."""
MIN_HORIZON_DAYS, MAX_HORIZON_DAYS = 1, 730
MAX_WINDOW_HOURS = 30 * 24
"""The longest cancellation and reschedule notice (30 days)."""
MAX_NAME_LENGTH = 80
MAX_DESCRIPTION_LENGTH = 500
BOOKABLE_BY = ("anyone", "existing_patients", "staff_only")
CHANNELS = ("in_person", "video")
DEFAULT_COLOUR = "#2563eb"


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def name_key(name: str) -> str:
    """How names are compared: NFKC then case folding (both databases agree on it)."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


class VisitType(Base):
    """What a visit is for, and the booking rules that follow from it (issue #17).

    Every range lives in a CHECK here. A doctor has exactly one default type (partial
    unique index), used when a booking or a slot query names none; it is never retired.
    A type that appointments use is never deleted (the foreign key refuses), only retired
    (`active` false): it then offers no slots and takes no bookings.
    """

    __tablename__ = "visit_types"
    __table_args__ = (
        CheckConstraint(f"length(name) BETWEEN 1 AND {MAX_NAME_LENGTH}", name="name_length"),
        CheckConstraint(
            f"description IS NULL OR length(description) <= {MAX_DESCRIPTION_LENGTH}",
            name="description_length",
        ),
        CheckConstraint(
            f"duration_minutes BETWEEN {MIN_VISIT_MINUTES} AND {MAX_VISIT_MINUTES}",
            name="duration_range",
        ),
        CheckConstraint(
            f"slot_grid_minutes BETWEEN {MIN_VISIT_MINUTES} AND {MAX_VISIT_MINUTES}",
            name="grid_range",
        ),
        CheckConstraint(
            f"buffer_before_minutes BETWEEN 0 AND {MAX_BUFFER_MINUTES} AND "
            f"buffer_after_minutes BETWEEN 0 AND {MAX_BUFFER_MINUTES}",
            name="buffers_range",
        ),
        CheckConstraint(
            f"min_notice_minutes BETWEEN 0 AND {MAX_NOTICE_MINUTES}", name="notice_range"
        ),
        CheckConstraint(
            f"horizon_days BETWEEN {MIN_HORIZON_DAYS} AND {MAX_HORIZON_DAYS}",
            name="horizon_range",
        ),
        CheckConstraint(
            f"cancel_notice_hours BETWEEN 0 AND {MAX_WINDOW_HOURS} AND "
            f"reschedule_notice_hours BETWEEN 0 AND {MAX_WINDOW_HOURS}",
            name="windows_range",
        ),
        CheckConstraint(f"bookable_by IN ({_quoted(BOOKABLE_BY)})", name="bookable_by_known"),
        CheckConstraint(f"channel IN ({_quoted(CHANNELS)})", name="channel_known"),
        CheckConstraint(
            "length(colour) = 7 AND substr(colour, 1, 1) = '#' "
            "AND ltrim(substr(colour, 2), '0123456789abcdef') = ''",
            name="colour_hex",
        ),
        CheckConstraint("active OR NOT is_default", name="default_is_active"),
        # Target of the appointments' foreign key: a type and the doctor it belongs to.
        UniqueConstraint("id", "doctor_id"),
        Index("ix_visit_types_doctor_id", "doctor_id"),
        Index(
            "uq_visit_types_active_name",
            "doctor_id",
            "name_key",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
        Index(
            "uq_visit_types_default",
            "doctor_id",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH))
    # `name_key(name)`, set whenever `name` is: unique per doctor among active types.
    name_key: Mapped[str] = mapped_column(String(4 * MAX_NAME_LENGTH))
    description: Mapped[str | None] = mapped_column(String(MAX_DESCRIPTION_LENGTH))
    duration_minutes: Mapped[int] = mapped_column(Integer)
    slot_grid_minutes: Mapped[int] = mapped_column(Integer)
    buffer_before_minutes: Mapped[int] = mapped_column(Integer, default=0)
    buffer_after_minutes: Mapped[int] = mapped_column(Integer, default=0)
    min_notice_minutes: Mapped[int] = mapped_column(Integer, default=0)
    horizon_days: Mapped[int] = mapped_column(Integer)
    cancel_notice_hours: Mapped[int] = mapped_column(Integer, default=0)
    reschedule_notice_hours: Mapped[int] = mapped_column(Integer, default=0)
    bookable_by: Mapped[str] = mapped_column(String(20), default="anyone")
    channel: Mapped[str] = mapped_column(String(16), default="in_person")
    colour: Mapped[str] = mapped_column(String(7), default=DEFAULT_COLOUR)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @validates("name")
    def _keep_name_key(self, _name: str, value: str) -> str:
        self.name_key = name_key(value)
        return value


VISIT_RULE_COLUMNS = (
    VisitType.duration_minutes,
    VisitType.slot_grid_minutes,
    VisitType.buffer_before_minutes,
    VisitType.buffer_after_minutes,
    VisitType.min_notice_minutes,
    VisitType.horizon_days,
)
"""A type's `slots.SlotRules`, as columns in its field order, for queries across doctors."""

WINDOW_COLUMNS = (
    ScheduleEntry.start_minute,
    ScheduleEntry.end_minute,
    ScheduleEntry.is_available,
    ScheduleEntry.day_of_week,
    ScheduleEntry.date,
    ScheduleEntry.end_date,
)
"""A schedule entry's `Window`, as columns in its field order (`Window._make(row)`)."""


CLOSURE_SOURCES = ("manual", "imported")
MAX_CLOSURE_NAME_LENGTH = 120


class ClinicClosure(Base):
    """A date the whole clinic is closed (a public holiday, an inventory day): no doctor
    has slots on it, read on each doctor's own clock. One row per date (unique); `source`
    tells an admin's entry from an imported holiday; `created_by` is the admin (kept
    when they leave: set null)."""

    __tablename__ = "clinic_closures"
    __table_args__ = (
        UniqueConstraint("date"),
        CheckConstraint(
            f"length(name) BETWEEN 1 AND {MAX_CLOSURE_NAME_LENGTH}", name="name_length"
        ),
        CheckConstraint(f"source IN ({_quoted(CLOSURE_SOURCES)})", name="source_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(MAX_CLOSURE_NAME_LENGTH))
    source: Mapped[str] = mapped_column(String(8), default="manual")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# Free slots and the directory read these rows: any change makes their cached answers unused.
cache.watch(ScheduleEntry, lambda entry: entry.doctor_id)
cache.watch(VisitType, lambda visit_type: visit_type.doctor_id)
cache.watch(ClinicClosure, lambda _closure: None)
