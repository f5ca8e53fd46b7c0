"""What the calendar (issue 21) needs from schedules: which doctors are in view, and each
one's opening windows and time off over a range, as UTC intervals.

Opening windows are the doctor's weekly hours and extra (dated open) hours of each local
date, merged; time off is the closed windows of that date (dated time off and weekly
breaks) plus whole clinic closures. Both are cut to the range asked for. Pure reads in the
caller's session; the appointments on top come from the appointments domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.accounts.specializations import doctors_having
from clinic360.core.errors import NotFound
from clinic360.schedules.availability import windows_of, zone_of
from clinic360.schedules.closures import closed_dates
from clinic360.schedules.directory import visible_to
from clinic360.schedules.wallclock import MINUTES_PER_DAY, Interval, Schedule, days, local_date


@dataclass
class DoctorHours:
    """One doctor's opening windows and time off in a range (UTC, sorted)."""

    doctor: User
    opening: list[Interval] = field(default_factory=list)
    time_off: list[Interval] = field(default_factory=list)


def doctors_in_view(
    session: Session,
    viewer: User,
    doctor_ids: Sequence[int],
    specialization_id: int | None,
    limit: int,
) -> tuple[list[User], int]:
    """The doctors a calendar shows, by name, at most `limit`, and how many matched.

    A doctor sees only themself: asking for anyone else is NotFound (as a missing id).
    Staff see any listable doctor; every id asked for must exist (NotFound otherwise)."""
    if viewer.role == Role.DOCTOR:
        if any(doctor_id != viewer.id for doctor_id in doctor_ids):
            raise NotFound()
        return [viewer], 1
    conditions = [visible_to(viewer)]
    if doctor_ids:
        conditions.append(User.id.in_(list(doctor_ids)))
    if specialization_id is not None:
        conditions.append(doctors_having(specialization_id))
    found = list(session.scalars(select(User).where(*conditions).order_by(User.full_name, User.id)))
    if doctor_ids and {d.id for d in found} != set(doctor_ids) and specialization_id is None:
        raise NotFound()
    return found[:limit], len(found)


def _clip(intervals: list[Interval], start: datetime, end: datetime) -> list[Interval]:
    return [(max(a, start), min(b, end)) for a, b in intervals if a < end and b > start]


def hours_between(
    session: Session, doctors: Sequence[User], start: datetime, end: datetime
) -> list[DoctorHours]:
    """Each doctor's opening windows and time off overlapping [start, end), in UTC."""
    windows = windows_of(session, [doctor.id for doctor in doctors])
    closures = closed_dates(
        session, (start - timedelta(days=2)).date(), (end + timedelta(days=2)).date()
    )
    result = []
    for doctor in doctors:
        zone = zone_of(doctor)
        first = local_date(zone, start) - timedelta(days=1)
        last = local_date(zone, end) + timedelta(days=1)
        schedule = Schedule(zone, windows.get(doctor.id, []))
        hours = DoctorHours(doctor)
        for day in days(first, last):
            opened, closed = schedule.minutes(day)
            if day in closures:
                closed = [(0, MINUTES_PER_DAY)]
            hours.opening.extend(schedule.real(day, opened))
            hours.time_off.extend(schedule.real(day, closed))
        hours.opening = _clip(sorted(hours.opening), start, end)
        hours.time_off = _clip(sorted(hours.time_off), start, end)
        result.append(hours)
    return result
