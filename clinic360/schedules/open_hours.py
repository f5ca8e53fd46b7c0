"""Open minutes of many doctors over a range of local dates, summed in the database (reports).

The slot engine (`wallclock.Schedule`) answers "is this instant open?" for one doctor; a
report needs the total open time of a thousand doctors over a year, so this module adds the
windows up in SQL instead of walking every day in Python. Per doctor and per date of the
range that is not a clinic closure (`closures.closed_dates`):

    open minutes = Σ open windows that apply − Σ overlap(open window, closed window)
                   over every (open, closed) pair applying on that date

where a weekly window applies on the dates of its weekday and a dated one on each date of
its span, all on the doctor's own clock. Open windows never overlap (the service refuses
it); the sum is exact as long as a doctor's closed windows of one date do not overlap each
other, which is what time off and lunch breaks look like. Weekly pairs are counted once and
multiplied by how many open dates of that weekday the range has; dated entries (time off,
extra hours: a few per doctor) are expanded over the dates they cover.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    Subquery,
    and_,
    case,
    column,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from clinic360.schedules.closures import closed_dates
from clinic360.schedules.models import ClinicClosure, ScheduleEntry


def _weekday(day: date) -> int:
    """0 = Sunday … 6 = Saturday, as `ScheduleEntry.day_of_week` counts."""
    return (day.weekday() + 1) % 7


def _overlap(
    dialect: str,
    a: tuple[Any, Any],
    b: tuple[Any, Any],
) -> ColumnElement[int]:
    smaller, larger = (
        (func.least, func.greatest) if dialect == "postgresql" else (func.min, func.max)
    )
    return smaller(a[1], b[1]) - larger(a[0], b[0])


def _overlapping(a: Any, b: Any) -> ColumnElement[bool]:
    return and_(a.start_minute < b.end_minute, a.end_minute > b.start_minute)


_SPAN = {
    "postgresql": "SELECT CAST(d AS date) AS day, CAST(EXTRACT(DOW FROM d) AS INTEGER) AS dow "
    "FROM generate_series(CAST(:first AS date), CAST(:last AS date), INTERVAL '1 day') AS d",
    "sqlite": "WITH RECURSIVE span(day) AS (SELECT :first UNION ALL "
    "SELECT date(day, '+1 day') FROM span WHERE day < :last) "
    "SELECT day, CAST(strftime('%w', day) AS INTEGER) AS dow FROM span",
}
"""The local dates of a range with their weekday (0 = Sunday), generated in the database: a
statement whose text does not depend on the range, so it is compiled once."""


def _open_days(dialect: str, first: date, last: date) -> Subquery:
    """The dates [first, last] that are not clinic closures, and their weekdays."""
    bounds: dict[str, object] = (
        {"first": first, "last": last}
        if dialect == "postgresql"
        else {"first": first.isoformat(), "last": last.isoformat()}
    )
    span = (
        text(_SPAN[dialect])
        .bindparams(**bounds)
        .columns(column("day", Date), column("dow", Integer))
    ).subquery("span_days")
    return (
        select(span.c.day, span.c.dow)
        .where(span.c.day.not_in(select(ClinicClosure.date).where(
            ClinicClosure.date >= first, ClinicClosure.date <= last)))
        .subquery("report_days")
    )  # fmt: skip


def open_minutes(
    session: Session, first: date, last: date, doctor_ids: Sequence[int] | None = None
) -> dict[int, int]:
    """Each doctor's open minutes over the local dates [first, last] (doctors with none are
    left out). `doctor_ids` narrows the read to those doctors. One statement."""
    closed = closed_dates(session, first, last)
    open_days = [
        first + timedelta(days=offset)
        for offset in range((last - first).days + 1)
        if first + timedelta(days=offset) not in closed
    ]
    if not open_days:
        return {}
    dialect = session.get_bind().dialect.name
    per_weekday = Counter(_weekday(day) for day in open_days)
    times = case(per_weekday, value=ScheduleEntry.day_of_week, else_=0)
    days = _open_days(dialect, first, last)
    mine = (
        ScheduleEntry.doctor_id.in_(list(doctor_ids)) if doctor_ids is not None else literal(True)
    )
    o, c = aliased(ScheduleEntry), aliased(ScheduleEntry)
    weekly_open = select(
        ScheduleEntry.doctor_id,
        ((ScheduleEntry.end_minute - ScheduleEntry.start_minute) * times).label("minutes"),
    ).where(mine, ScheduleEntry.day_of_week.is_not(None), ScheduleEntry.is_available.is_(True))
    weekly_pairs = (
        select(
            o.doctor_id,
            (
                -_overlap(dialect, (o.start_minute, o.end_minute), (c.start_minute, c.end_minute))
                * case(per_weekday, value=o.day_of_week, else_=0)
            ).label("minutes"),
        )
        .join(c, and_(c.doctor_id == o.doctor_id, c.day_of_week == o.day_of_week))
        .where(
            o.doctor_id.in_(list(doctor_ids)) if doctor_ids is not None else literal(True),
            o.is_available.is_(True),
            c.is_available.is_(False),
            _overlapping(o, c),
        )
    )
    dated = (
        select(
            ScheduleEntry.doctor_id,
            ScheduleEntry.start_minute,
            ScheduleEntry.end_minute,
            ScheduleEntry.is_available,
            days.c.day,
            days.c.dow,
        )
        .join(days, and_(days.c.day >= ScheduleEntry.date, days.c.day <= ScheduleEntry.end_date))
        .where(mine, ScheduleEntry.date.is_not(None))
        .subquery("dated")
    )
    parts: list[Select[Any, Any]] = [
        weekly_open,
        weekly_pairs,
        _dated_open(dated),
        _dated_open_closed(dialect, dated),
        _dated_closed_weekly_open(dialect, dated),
    ]
    everything = union_all(*parts).subquery("parts")
    doctor, minutes = everything.c[0], everything.c[1]
    rows = session.execute(select(doctor, func.sum(minutes)).group_by(doctor))
    return {int(doctor_id): max(0, int(total or 0)) for doctor_id, total in rows}


def _dated_open(dated: object) -> Select[Any, Any]:
    d = dated.c  # type: ignore[attr-defined]
    return select(d.doctor_id, (d.end_minute - d.start_minute).label("minutes")).where(
        d.is_available.is_(True)
    )


def _dated_open_closed(dialect: str, dated: object) -> Select[Any, Any]:
    """Dated open windows minus every closed window (weekly or dated) of the same date."""
    d, c = dated.c, aliased(ScheduleEntry)  # type: ignore[attr-defined]
    applies = or_(c.day_of_week == d.dow, and_(c.date <= d.day, c.end_date >= d.day))
    return (
        select(
            d.doctor_id,
            -_overlap(
                dialect, (d.start_minute, d.end_minute), (c.start_minute, c.end_minute)
            ).label("minutes"),
        )
        .join(c, and_(c.doctor_id == d.doctor_id, c.is_available.is_(False), applies))
        .where(d.is_available.is_(True), _overlapping(c, d))
    )


def _dated_closed_weekly_open(dialect: str, dated: object) -> Select[Any, Any]:
    """Dated closed windows (time off) minus the weekly open hours of their dates."""
    d, o = dated.c, aliased(ScheduleEntry)  # type: ignore[attr-defined]
    return (
        select(
            d.doctor_id,
            -_overlap(
                dialect, (d.start_minute, d.end_minute), (o.start_minute, o.end_minute)
            ).label("minutes"),
        )
        .join(o, and_(o.doctor_id == d.doctor_id, o.is_available.is_(True), o.day_of_week == d.dow))
        .where(d.is_available.is_(False), _overlapping(o, d))
    )
