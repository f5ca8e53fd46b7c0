"""New opening hours: a change of a doctor's schedule (hours opened, time off removed)
records a hint in its transaction (`record_schedule_change`, the schedules hook); the
worker's offer cycle expands it (`times_opened`) into freed slots, which it then offers
like a cancelled visit."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.schedules.availability import free_slots_between, zone_of
from clinic360.schedules.models import VisitType
from clinic360.schedules.slots import SlotRules
from clinic360.waitlist.models import (
    EntryStatus,
    FreedSlot,
    SlotStatus,
    WaitlistEntry,
    part_of_day,
)

HOURS = "hours"
"""The cause of a hint row: the doctor's hours changed; expanded into slots by the worker."""


def record_schedule_change(session: Session, doctor_id: int) -> None:
    """The schedules hook: the doctor's hours changed (opened, or time off removed); the
    worker looks for times now free for the doctor's waiting entries (`_times_opened`)."""
    now = utcnow()
    session.add(
        FreedSlot(
            doctor_id=doctor_id,
            start_time=now,
            end_time=now + timedelta(minutes=1),
            cause=HOURS,
            status=SlotStatus.OPEN.value,
        )
    )


def _entry_type(session: Session, entry: WaitlistEntry, doctor_id: int) -> VisitType | None:
    if entry.visit_type_id is not None:
        found = session.get(VisitType, entry.visit_type_id)
    else:  # a specialization's entry: each doctor's default type
        found = session.scalar(
            select(VisitType).where(VisitType.doctor_id == doctor_id, VisitType.is_default)
        )
    usable = found is not None and found.active and found.bookable_by != "staff_only"
    return found if usable else None


def times_opened(session: Session, hint: FreedSlot, now: datetime) -> list[FreedSlot]:
    """Expand a schedule change into freed slots: for the doctor's waiting entries in
    joining order, the earliest free time each wants (dates, part of the day, type), at
    most WAITLIST_OFFERS_PER_SLOT new slots; then the hint is closed."""
    hint.status, hint.closed_at = SlotStatus.CLOSED.value, now
    doctor = session.get(User, hint.doctor_id)
    if doctor is None or not doctor.is_active_doctor:
        return []
    zone = zone_of(doctor)
    today = now.astimezone(zone).date()
    needs = [WaitlistEntry.doctor_id == doctor.id]
    if doctor.specialization_id is not None:
        needs.append(WaitlistEntry.specialization_id == doctor.specialization_id)
    entries = session.scalars(
        select(WaitlistEntry)
        .where(
            WaitlistEntry.status == EntryStatus.WAITING.value,
            or_(*needs),
            WaitlistEntry.date_to >= today,
            # Who joined later saw the new hours when joining (and may book them).
            WaitlistEntry.created_at <= hint.created_at,
        )
        .order_by(WaitlistEntry.id)
    ).all()
    taken = set(
        session.scalars(
            select(FreedSlot.start_time).where(
                FreedSlot.doctor_id == doctor.id, FreedSlot.status == SlotStatus.OPEN.value
            )
        )
    )
    made: list[FreedSlot] = []
    for entry in entries:
        if len(made) >= current_app.config["WAITLIST_OFFERS_PER_SLOT"]:
            break
        visit_type = _entry_type(session, entry, doctor.id)
        first = max(entry.date_from, today)
        if visit_type is None or first > entry.date_to:
            continue
        rules = SlotRules.of(visit_type)
        for free in free_slots_between(session, doctor, rules, first, entry.date_to):
            if not getattr(entry, part_of_day(free.start.astimezone(zone).hour)):
                continue
            if free.start not in taken:
                taken.add(free.start)
                made.append(
                    FreedSlot(
                        doctor_id=doctor.id,
                        visit_type_id=visit_type.id,
                        start_time=free.start,
                        end_time=free.end,
                        cause="opened",
                        status=SlotStatus.OPEN.value,
                    )
                )
            break
    session.add_all(made)
    session.flush()
    return made
