"""Schedule entries: a doctor's opening and closing windows, weekly or on one date."""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

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
