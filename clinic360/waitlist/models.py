"""Waitlist entries, the slots freed for them, and the offers of those slots.

An entry is one patient's need (a doctor, or any doctor of a specialization; a visit type;
a date range; parts of the day); its `id` is the joining order. A freed slot is written in
the transaction that freed it (a cancellation or a move away, through the appointments
hook) and offered by the worker (`offers.py`) to the next entries, a few at a time; an
offer is claimed through a link (`links.py`), expires, or is taken by a quicker claimer.
"""

from __future__ import annotations

import enum
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
)
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime


class EntryStatus(enum.StrEnum):
    WAITING = "waiting"
    FULFILLED = "fulfilled"  # the patient booked for this need (a claim or any booking)
    LEFT = "left"  # the patient left the list


class SlotStatus(enum.StrEnum):
    OPEN = "open"  # being offered
    FILLED = "filled"  # claimed through an offer
    CLOSED = "closed"  # taken otherwise, started, or no one left to offer it to


class OfferStatus(enum.StrEnum):
    OFFERED = "offered"
    CLAIMED = "claimed"
    EXPIRED = "expired"
    TAKEN = "taken"  # someone was quicker


PARTS = ("morning", "afternoon", "evening")
"""Parts of the day on the doctor's clock: before 12:00, 12:00–17:00, from 17:00."""


def part_of_day(hour: int) -> str:
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entries"
    __table_args__ = (
        CheckConstraint(
            "(doctor_id IS NULL) <> (specialization_id IS NULL)", name="doctor_or_specialization"
        ),
        CheckConstraint("visit_type_id IS NULL OR doctor_id IS NOT NULL", name="type_of_doctor"),
        CheckConstraint("date_to >= date_from", name="date_range"),
        CheckConstraint("morning OR afternoon OR evening", name="some_part_of_day"),
        CheckConstraint("status IN ('waiting', 'fulfilled', 'left')", name="status_known"),
        Index("ix_waitlist_entries_patient_status", "patient_id", "status"),
        Index("ix_waitlist_entries_doctor_status", "doctor_id", "status"),
        Index("ix_waitlist_entries_specialization_status", "specialization_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    doctor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    specialization_id: Mapped[int | None] = mapped_column(ForeignKey("specializations.id"))
    visit_type_id: Mapped[int | None] = mapped_column(ForeignKey("visit_types.id"))
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    morning: Mapped[bool] = mapped_column(Boolean)
    afternoon: Mapped[bool] = mapped_column(Boolean)
    evening: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(10), default=EntryStatus.WAITING.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def parts(self) -> list[str]:
        return [part for part in PARTS if getattr(self, part)]


class FreedSlot(Base):
    __tablename__ = "waitlist_slots"
    __table_args__ = (
        CheckConstraint("end_time > start_time", name="interval"),
        CheckConstraint("status IN ('open', 'filled', 'closed')", name="status_known"),
        Index("ix_waitlist_slots_status_start", "status", "start_time"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    visit_type_id: Mapped[int | None] = mapped_column(ForeignKey("visit_types.id"))
    start_time: Mapped[datetime] = mapped_column(UTCDateTime)
    end_time: Mapped[datetime] = mapped_column(UTCDateTime)
    cause: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8), default=SlotStatus.OPEN.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Offer(Base):
    __tablename__ = "waitlist_offers"
    __table_args__ = (
        UniqueConstraint("slot_id", "entry_id"),
        CheckConstraint(
            "status IN ('offered', 'claimed', 'expired', 'taken')", name="status_known"
        ),
        CheckConstraint("expires_at > offered_at", name="expires_later"),
        Index("ix_waitlist_offers_status_expires", "status", "expires_at"),
        Index("ix_waitlist_offers_patient_status", "patient_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("waitlist_slots.id"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("waitlist_entries.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(8), default=OfferStatus.OFFERED.value)
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
