"""Appointment statistics for the reports: counts, hours and lead times aggregated in the
database (one statement per grouping, both dialects), never row by row in Python.

The appointments counted are those starting in [scope.start, scope.end). Cancelled ones
count as bookings and cancellations only; every other status holds time (booked minutes,
lead time, patients). A patient is *new* when they had no kept appointment before the
range (at any doctor of the clinic), *returning* otherwise. No clinical content is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    Subquery,
    and_,
    case,
    distinct,
    func,
    select,
    text,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from clinic360.appointments.models import Appointment, AppointmentEvent, AppointmentStatus
from clinic360.appointments.policy import cancelled_late
from clinic360.schedules.visit_types import cancel_notices

Grouping = Literal["visit_type", "doctor", "total"]
GROUPINGS: tuple[Grouping, ...] = ("visit_type", "doctor", "total")
CANCELLED = AppointmentStatus.CANCELLED.value
NO_SHOW = AppointmentStatus.NO_SHOW.value


@dataclass(frozen=True)
class Scope:
    start: datetime
    end: datetime
    doctor_id: int | None = None
    visit_type_id: int | None = None


@dataclass(frozen=True)
class Figures:
    """One row of a report table: the group's key and its counts."""

    doctor_id: int | None
    visit_type_id: int | None
    bookings: int
    cancellations: int
    late_cancellations: int
    no_shows: int
    booked_minutes: float
    lead_median_hours: float | None
    lead_average_hours: float | None
    new_patients: int
    returning_patients: int


def _seconds(dialect: str, later: Any, earlier: Any) -> ColumnElement[float]:
    if dialect == "postgresql":
        return type_coerce(func.extract("epoch", later - earlier), Float)
    return type_coerce((func.julianday(later) - func.julianday(earlier)) * 86400.0, Float)


def in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    conditions = [Appointment.start_time >= scope.start, Appointment.start_time < scope.end]
    if scope.doctor_id is not None:
        conditions.append(Appointment.doctor_id == scope.doctor_id)
    if scope.visit_type_id is not None:
        conditions.append(Appointment.visit_type_id == scope.visit_type_id)
    return conditions


def _keys(grouping: Grouping) -> list[Any]:
    keys: dict[str, list[Any]] = {
        "visit_type": [Appointment.doctor_id, Appointment.visit_type_id],
        "doctor": [Appointment.doctor_id],
        "total": [],
    }
    return keys[grouping]


def _cancels(scope: Scope) -> Subquery:
    """When each cancelled appointment of the scope was (last) cancelled: one grouped read
    joined by hash, instead of one history look-up per cancelled row (a correlated subquery
    cost 100,000 index probes over a year of 1,000 doctors; EXPLAIN ANALYZE in
    bench/bench_reports.py)."""
    cancelled = select(Appointment.id).where(*in_scope(scope), Appointment.status == CANCELLED)
    return (
        select(AppointmentEvent.appointment_id, func.max(AppointmentEvent.at).label("at"))
        .where(AppointmentEvent.action == CANCELLED, AppointmentEvent.appointment_id.in_(cancelled))
        .group_by(AppointmentEvent.appointment_id)
        .subquery("cancels")
    )


def _measures(
    dialect: str, scope: Scope, notices: Subquery, cancels: Subquery
) -> tuple[list[Any], ColumnElement[float]]:
    """The aggregate columns of a figures row (in `Figures` order), and the lead time."""
    kept = Appointment.status != CANCELLED
    lead = _seconds(dialect, Appointment.start_time, Appointment.created_at) / 3600.0
    late = and_(
        Appointment.status == CANCELLED,
        cancelled_late(
            _seconds(dialect, Appointment.start_time, cancels.c.at),
            func.coalesce(notices.c.cancel_notice_hours, 0),
        ),
    )
    earlier = aliased(Appointment)
    returning = select(earlier.patient_id).where(
        earlier.start_time < scope.start, earlier.status != CANCELLED
    )
    patient = Appointment.patient_id
    columns = [
        func.count(),
        func.count(case((~kept, 1))),
        func.count(case((late, 1))),
        func.count(case((Appointment.status == NO_SHOW, 1))),
        func.coalesce(
            func.sum(case((kept, _seconds(dialect, Appointment.end_time, Appointment.start_time)))),
            0,
        )
        / 60.0,
        func.avg(case((kept, lead))),
        func.count(distinct(case((and_(kept, patient.not_in(returning)), patient)))),
        func.count(distinct(case((and_(kept, patient.in_(returning)), patient)))),
    ]
    return columns, lead


def _from(
    statement: Select[Any], scope: Scope, notices: Subquery, cancels: Subquery
) -> Select[Any]:
    return (
        statement.select_from(Appointment)
        .outerjoin(notices, notices.c.id == Appointment.visit_type_id)
        .outerjoin(cancels, cancels.c.appointment_id == Appointment.id)
        .where(*in_scope(scope))
    )


def _figure(doctor_id: int | None, visit_type_id: int | None, values: Sequence[Any],
            middle: float | None) -> Figures:  # fmt: skip
    return Figures(
        doctor_id=doctor_id,
        visit_type_id=visit_type_id,
        bookings=int(values[0]),
        cancellations=int(values[1]),
        late_cancellations=int(values[2]),
        no_shows=int(values[3]),
        booked_minutes=float(values[4] or 0),
        lead_average_hours=None if values[5] is None else float(values[5]),
        lead_median_hours=None if middle is None else float(middle),
        new_patients=int(values[6]),
        returning_patients=int(values[7]),
    )


def every_grouping(session: Session, scope: Scope) -> dict[Grouping, list[Figures]]:
    """The figures per (doctor, visit type), per doctor and in total. PostgreSQL computes the
    three in one scan (GROUPING SETS, medians by `percentile_cont`); SQLite, which has
    neither, in one statement per grouping (medians from numbered rows)."""
    dialect = session.get_bind().dialect.name
    if dialect != "postgresql":
        return {grouping: _figures(session, scope, grouping) for grouping in GROUPINGS}
    notices, cancels = cancel_notices(), _cancels(scope)
    columns, lead = _measures(dialect, scope, notices, cancels)
    # JIT compiling this one-off aggregate costs seconds and saves less (EXPLAIN ANALYZE over
    # a million appointments: 2.9 s of JIT); LOCAL: for this transaction only.
    session.execute(text("SET LOCAL jit = off"))
    kept = Appointment.status != CANCELLED
    doctor, kind = Appointment.doctor_id, Appointment.visit_type_id
    level = func.grouping(doctor, kind)
    statement = _from(
        select(
            level,
            doctor,
            kind,
            *columns,
            func.percentile_cont(0.5).within_group(case((kept, lead))),
        ),
        scope,
        notices,
        cancels,
    ).group_by(func.grouping_sets(tuple_(doctor, kind), tuple_(doctor), tuple_()))
    result: dict[Grouping, list[Figures]] = {grouping: [] for grouping in GROUPINGS}
    levels: dict[int, Grouping] = {0: "visit_type", 1: "doctor", 3: "total"}
    for row in session.execute(statement):
        middle = row[-1]
        result[levels[int(row[0])]].append(_figure(row[1], row[2], row[3:-1], middle))
    if not result["total"]:
        result["total"] = [_figure(None, None, (0, 0, 0, 0, 0, None, 0, 0), None)]
    return result


def _figures(session: Session, scope: Scope, grouping: Grouping) -> list[Figures]:
    """One grouping's figures (SQLite)."""
    dialect = session.get_bind().dialect.name
    notices, cancels = cancel_notices(), _cancels(scope)
    columns, lead = _measures(dialect, scope, notices, cancels)
    keys = _keys(grouping)
    medians = _sqlite_medians(session, scope, keys, lead, Appointment.status != CANCELLED)
    result = []
    for row in session.execute(
        _from(select(*keys, *columns), scope, notices, cancels).group_by(*keys)
    ):
        key = tuple(row[: len(keys)])
        result.append(
            _figure(
                key[0] if keys else None,
                key[1] if len(keys) > 1 else None,
                row[len(keys) :],
                medians.get(key),
            )
        )
    return result


def _sqlite_medians(
    session: Session, scope: Scope, keys: list[Any], lead: ColumnElement[float], kept: Any
) -> dict[tuple[Any, ...], float]:
    """SQLite has no percentile: the median from numbered rows (window functions), the
    middle one or the mean of the middle two, per group."""
    numbered = (
        select(
            *[key.label(f"k{index}") for index, key in enumerate(keys)],
            lead.label("lead"),
            func.row_number().over(partition_by=keys, order_by=lead).label("n"),
            func.count().over(partition_by=keys).label("total"),
        )
        .where(*in_scope(scope), kept)
        .subquery("numbered")
    )
    group = [numbered.c[f"k{index}"] for index in range(len(keys))]
    middle = and_(
        numbered.c.n >= (numbered.c.total + 1) // 2, numbered.c.n <= (numbered.c.total + 2) // 2
    )
    rows = session.execute(select(*group, func.avg(numbered.c.lead)).where(middle).group_by(*group))
    return {tuple(row[: len(keys)]): float(row[-1]) for row in rows if row[-1] is not None}
