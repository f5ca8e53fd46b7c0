"""Appointments between a patient and a doctor."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime
from clinic360.schedules.models import VisitType


class AppointmentStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CONFIRMED = "confirmed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    # Booked online by a patient over NO_SHOW_LIMIT under NO_SHOW_POLICY=confirm: the slot
    # is held (it blocks like any non-cancelled visit) until the doctor confirms (→
    # scheduled) or declines (→ cancelled).
    REQUESTED = "requested"
    # Checked in at the front desk (issue 21): the patient is in the waiting room; the doctor
    # then marks the visit completed (or, rarely, a no-show).
    ARRIVED = "arrived"


ACTIVE_STATUSES = (
    AppointmentStatus.SCHEDULED.value,
    AppointmentStatus.CONFIRMED.value,
    AppointmentStatus.REQUESTED.value,
)
"""Statuses of an appointment that is still going to happen (or is happening, or waits for
the doctor's confirmation)."""
AGREED_STATUSES = (AppointmentStatus.SCHEDULED.value, AppointmentStatus.CONFIRMED.value)
"""Active appointments the doctor has agreed to (not `requested`): reminders go for these."""


def _same_as(column: str) -> Callable[[DefaultExecutionContext], object]:
    """Default of a column: the value given for `column` in the same insert."""
    return lambda context: context.get_current_parameters()[column]  # type: ignore[no-untyped-call]


class AppointmentSeries(Base):
    """A recurring series a doctor booked for a patient: one visit type every
    `every_weeks` weeks at the same wall-clock time of the doctor; its occurrences are the
    appointments naming it. Never changed after booking; cancelling cancels occurrences."""

    __tablename__ = "appointment_series"
    __table_args__ = (
        CheckConstraint("every_weeks BETWEEN 1 AND 52", name="every_weeks_range"),
        Index("ix_appointment_series_doctor", "doctor_id"),
        Index("ix_appointment_series_patient", "patient_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    visit_type_id: Mapped[int] = mapped_column(ForeignKey("visit_types.id"))
    every_weeks: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Appointment(Base):
    """One booked interval, half-open [start_time, end_time), of one visit type.

    `blocked_start`/`blocked_end` is the time the visit keeps the doctor from other visits:
    the interval widened by its type's buffers *at booking* (or at the last reschedule), so
    a later change of the type never moves a booked visit's range. On PostgreSQL two
    exclusion constraints forbid overlapping non-cancelled appointments: of one doctor
    over the blocked ranges (migration 0170), of one patient over the visits themselves
    (0002). Rows written without a blocked range (the demo seeder) block just the visit.
    """

    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint("end_time > start_time", name="ends_after_start"),
        CheckConstraint(
            "status IN ('scheduled', 'confirmed', 'completed', 'cancelled', 'no_show', "
            "'requested', 'arrived')",
            name="status_known",
        ),
        # Target of composite foreign keys (records must name the same patient and doctor).
        UniqueConstraint("id", "patient_id", "doctor_id"),
        Index("ix_appointments_doctor_start", "doctor_id", "start_time"),
        Index("ix_appointments_patient_start", "patient_id", "start_time"),
        # The reminder scan reads appointments by start time across all doctors (0050).
        Index("ix_appointments_start_time", "start_time"),
        # "Is this visit type in use?" (a used type is retired, never deleted).
        Index("ix_appointments_visit_type_id", "visit_type_id"),
        # One room per video visit (0220); NULL for in-person and cancelled visits.
        Index("uq_appointments_video_room", "video_room", unique=True),
        Index("ix_appointments_series_id", "series_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    start_time: Mapped[datetime] = mapped_column(UTCDateTime)
    end_time: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default=AppointmentStatus.SCHEDULED.value)
    # NULL only for rows written outside the booking service; every booking names one.
    visit_type_id: Mapped[int | None] = mapped_column(ForeignKey("visit_types.id"))
    # The recurring series this visit is an occurrence of (`series.py`), if any.
    series_id: Mapped[int | None] = mapped_column(ForeignKey("appointment_series.id"))
    blocked_start: Mapped[datetime] = mapped_column(UTCDateTime, default=_same_as("start_time"))
    blocked_end: Mapped[datetime] = mapped_column(UTCDateTime, default=_same_as("end_time"))
    reason: Mapped[str | None] = mapped_column(String(500))
    # The video room of a video visit (`video.py`): made at booking, kept when it moves,
    # cleared (retired) when it is cancelled. A secret of the two parties: never logged.
    video_room: Mapped[str | None] = mapped_column(String(64))
    # What the doctor wrote to the patient when cancelling (emailed to them; not clinical).
    cancellation_message: Mapped[str | None] = mapped_column(String(500))
    # Incremented on every change; the calendar SEQUENCE of this appointment, and the
    # version an email's manage link is bound to (`links.py`).
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # When the patient confirmed they will come (from an email link); shown on the agenda.
    # Not a change of the appointment: the sequence (and so the link) stays.
    patient_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When start_time was last set (booked or moved): reminder steps already past then are
    # skipped (`reminders.py`).
    times_set_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, server_default=func.current_timestamp()
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # Load explicitly (joinedload) where needed; a stray lazy load raises instead of querying.
    patient: Mapped[User] = relationship(foreign_keys=[patient_id], lazy="raise")
    doctor: Mapped[User] = relationship(foreign_keys=[doctor_id], lazy="raise")
    visit_type: Mapped[VisitType | None] = relationship(lazy="raise")


class AppointmentEvent(Base):
    """The appointment's history: who changed it, how, through which way in.

    `via` is `app` (signed in) or `email_link` (the manage link, acting as the patient).
    `note` holds the patient's own words when cancelling through the link (PHI-like: never
    logged, emailed or shown outside the appointment's parties); nothing else is kept here.
    """

    __tablename__ = "appointment_events"
    __table_args__ = (
        CheckConstraint("via IN ('app', 'email_link')", name="via_known"),
        Index("ix_appointment_events_appointment", "appointment_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointments.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    via: Mapped[str] = mapped_column(String(16))
    sequence: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarFeed(Base):
    """A user's calendar subscription link: only the SHA-256 of its token is stored.

    One row per user; rotating replaces the digest, revoking clears it. The link works only
    while `session_epoch` equals the user's, so whatever ends every session of the user
    (password change or reset, suspension, two-factor enrolment) revokes it too.
    """

    __tablename__ = "calendar_feeds"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    session_epoch: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BookingKey(Base):
    """An `Idempotency-Key` a patient sent with a booking, and the appointment it made.

    Written in the booking's transaction; a repeat of the same request (same key, same
    body) within IDEMPOTENCY_KEY_HOURS answers with that appointment instead of a 409.
    Only a SHA-256 of the request body is kept (no reason text).
    """

    __tablename__ = "booking_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(128))
    request_digest: Mapped[str] = mapped_column(String(64))
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
