"""Appointment counts per local date of their start, for the reports' days table: one
grouped statement on both dialects (SQLite has no time zones, so the zone's offsets over the
range are spelled out as a CASE)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Date, case, cast, func, select
from sqlalchemy.orm import Session

from clinic360.appointments.models import Appointment
from clinic360.appointments.statistics import CANCELLED, NO_SHOW, Scope, in_scope


@dataclass(frozen=True)
class Day:
    day: date
    bookings: int
    cancellations: int
    no_shows: int


def utc_offsets(zone: ZoneInfo, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offset (seconds) from each instant on, over [start, end): the first
    entry is `start`, then one per change (daylight saving: two a year)."""

    def offset(at: datetime) -> int:
        delta = at.astimezone(zone).utcoffset()
        return int(delta.total_seconds()) if delta else 0

    changes = [(start, offset(start))]
    at = start
    while at < end:
        step = min(at + timedelta(hours=1), end)
        if offset(step) != changes[-1][1]:
            changes.append((step, offset(step)))
        at = step
    return changes


def _local_day(dialect: str, zone: ZoneInfo, scope: Scope) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return cast(func.timezone(zone.key, Appointment.start_time), Date)
    offsets = utc_offsets(zone, scope.start, scope.end)
    starts = [at for at, _ in offsets[1:]]
    shift = (
        case(
            *[
                (Appointment.start_time < at, f"{offsets[i][1]:+d} seconds")
                for i, at in enumerate(starts)
            ],
            else_=f"{offsets[-1][1]:+d} seconds",
        )
        if starts
        else f"{offsets[0][1]:+d} seconds"
    )
    return func.date(Appointment.start_time, shift)


def per_day(session: Session, scope: Scope, zone: ZoneInfo) -> list[Day]:
    """Bookings, cancellations and no-shows per date (on `zone`'s clock) of their start."""
    dialect = session.get_bind().dialect.name
    day = _local_day(dialect, zone, scope).label("day")
    rows = session.execute(
        select(
            day,
            func.count(),
            func.count(case((Appointment.status == CANCELLED, 1))),
            func.count(case((Appointment.status == NO_SHOW, 1))),
        )
        .where(*in_scope(scope))
        .group_by(day)
        .order_by(day)
    )
    return [
        Day(day=date.fromisoformat(str(row[0])[:10]), bookings=int(row[1]),
            cancellations=int(row[2]), no_shows=int(row[3]))
        for row in rows
    ]  # fmt: skip
