"""Schedule entries: a doctor's weekly and dated opening (and closing) windows."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.schedules.availability import zone_of
from clinic360.schedules.directory import visible_doctor
from clinic360.schedules.errors import (
    DatedRangeReversed,
    DatedRangeTooLong,
    ExtraHoursInPast,
    TimeOffInPast,
    WeeklyOverlap,
)
from clinic360.schedules.models import ScheduleEntry
from clinic360.schedules.schemas import EntryBody, WeeklyBody, parse_hh_mm
from clinic360.schedules.slots import local_date
from clinic360.schedules.time_off import settle_time_off

log = logging.getLogger("clinic360.schedules")


ScheduleChangedHook = Callable[[Session, int], None]
"""`hook(session, doctor_id)`, in the transaction of any change of the doctor's schedule
(a domain above registers it: the waitlist looks for newly free times)."""
_changed_hooks: list[ScheduleChangedHook] = []


def on_schedule_changed(hook: ScheduleChangedHook) -> None:
    if hook not in _changed_hooks:
        _changed_hooks.append(hook)


def _changed(session: Session, doctor_id: int) -> None:
    for hook in _changed_hooks:
        hook(session, doctor_id)


DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def _window(start_time: str, end_time: str, errors: dict[str, str]) -> tuple[int, int]:
    """Minutes of a wall-clock window; notes `endTime` in `errors` when it is not after start."""
    start = parse_hh_mm(start_time)
    end = parse_hh_mm(end_time, allow_midnight_end=True)
    if start >= end:
        errors["endTime"] = "must be after startTime"
    return start, end


def _entry_values(body: EntryBody) -> dict[str, Any]:
    """Column values of a valid body; ValidationFailed (camelCase fields) otherwise."""
    errors: dict[str, str] = {}
    if (body.day_of_week is None) == (body.date is None):
        errors["dayOfWeek"] = "give exactly one of dayOfWeek and date"
    elif body.end_date is not None and body.date is None:
        errors["endDate"] = "only a dated entry (date) has an endDate"
    start, end = _window(body.start_time, body.end_time, errors)
    if errors:
        raise ValidationFailed(errors)
    end_date = body.end_date or body.date
    if body.date is not None and end_date is not None:
        if end_date < body.date:
            raise DatedRangeReversed({"endDate": "must not be before date"})
        limit = current_app.config["SCHEDULE_MAX_RANGE_DAYS"]
        if (end_date - body.date).days + 1 > limit:
            raise DatedRangeTooLong({"endDate": f"a range may cover at most {limit} dates"})
    return {
        "day_of_week": body.day_of_week,
        "date": body.date,
        "end_date": end_date,
        "start_minute": start,
        "end_minute": end,
        "is_available": body.is_available,
    }


def _ensure_not_past(doctor: User, values: dict[str, Any], body: EntryBody) -> None:
    """A dated entry must not end before the doctor's today (on their clock); today itself
    is allowed, whatever its hours. Raises TimeOffInPast / ExtraHoursInPast (422)."""
    last: date | None = values["end_date"]
    today = local_date(zone_of(doctor), utcnow())
    if last is None or last >= today:
        return
    field = "endDate" if body.end_date is not None else "date"
    message = f"must not be before today ({today.isoformat()}, {zone_of(doctor).key})"
    raise (ExtraHoursInPast if values["is_available"] else TimeOffInPast)({field: message})


def _lock_and_count(session: Session, doctor_id: int, adding: int) -> None:
    """Take the doctor's row lock, then check the entry count cap for `adding` more.

    The lock (PostgreSQL) makes concurrent edits of one doctor's schedule run one after the
    other; on SQLite the write transaction already serialises.
    """
    session.execute(select(User.id).where(User.id == doctor_id).with_for_update())
    if adding == 0:
        return
    count = session.scalar(select(func.count()).where(ScheduleEntry.doctor_id == doctor_id))
    limit = current_app.config["SCHEDULE_MAX_ENTRIES"]
    if (count or 0) + adding > limit:
        raise ValidationFailed({"body": f"a doctor may have at most {limit} schedule entries"})


def _open_overlaps(
    session: Session,
    doctor_id: int,
    same_day: ColumnElement[bool],
    values: dict[str, Any],
    exclude_id: int | None,
) -> list[ScheduleEntry]:
    """The doctor's open entries on `same_day` that overlap an open window (none for a
    closed one: closed windows may overlap anything)."""
    if not values["is_available"]:
        return []
    return list(
        session.scalars(
            select(ScheduleEntry).where(
                ScheduleEntry.doctor_id == doctor_id,
                same_day,
                ScheduleEntry.is_available.is_(True),
                ScheduleEntry.start_minute < values["end_minute"],
                ScheduleEntry.end_minute > values["start_minute"],
                ScheduleEntry.id != (exclude_id or 0),
            )
        )
    )


def _check_entry(
    session: Session, doctor_id: int, values: dict[str, Any], exclude_id: int | None
) -> None:
    """Per-doctor limits: entry count, and no overlapping open windows on one day (a dated
    window's days are all the dates of its range)."""
    _lock_and_count(session, doctor_id, 0 if exclude_id else 1)
    same_day = (
        ScheduleEntry.day_of_week == values["day_of_week"]
        if values["day_of_week"] is not None
        else (ScheduleEntry.date <= values["end_date"]) & (ScheduleEntry.end_date >= values["date"])
    )
    overlapping = _open_overlaps(session, doctor_id, same_day, values, exclude_id)
    if overlapping:
        raise ValidationFailed(
            {"startTime": f"overlaps opening window {overlapping[0].id} on the same day"}
        )


def create_entry(doctor: User, body: EntryBody) -> ScheduleEntry:
    """Add a window to the doctor's schedule.

    Raises ValidationFailed: not exactly one of dayOfWeek/date, startTime ≥ endTime, an
    open window overlapping another open window of the same weekday (or date), too many
    entries; DatedRangeReversed / DatedRangeTooLong for a bad range; TimeOffInPast /
    ExtraHoursInPast for a dated entry ending before the doctor's today;
    TimeOffHitsAppointments (409) for time off over upcoming appointments, unless the body
    confirms cancelling them (`time_off`).
    """
    values = _entry_values(body)
    _ensure_not_past(doctor, values, body)
    with transaction() as session:
        _check_entry(session, doctor.id, values, exclude_id=None)
        entry = ScheduleEntry(doctor_id=doctor.id, **values)
        session.add(entry)
        _changed(session, doctor.id)
        session.flush()  # saved first: alternatives offered to cancelled visits skip it
        settle_time_off(session, doctor, values, body)
    log.info("schedule entry created", extra={"doctor_id": doctor.id, "entry_id": entry.id})
    return entry


def create_weekly_entries(doctor: User, body: WeeklyBody) -> list[ScheduleEntry]:
    """Add the same weekly window on each of `daysOfWeek`, in one transaction: all or none.

    Raises ValidationFailed (a day named twice, startTime ≥ endTime, too many entries) and
    WeeklyOverlap (409, naming the days) when an open window would overlap open hours the
    doctor already has on any of those days.
    """
    errors: dict[str, str] = {}
    if len(set(body.days_of_week)) != len(body.days_of_week):
        errors["daysOfWeek"] = "name each day at most once"
    start, end = _window(body.start_time, body.end_time, errors)
    if errors:
        raise ValidationFailed(errors)
    values = {"start_minute": start, "end_minute": end, "is_available": body.is_available}
    days = sorted(body.days_of_week)
    with transaction() as session:
        _lock_and_count(session, doctor.id, len(days))
        same_day = ScheduleEntry.day_of_week.in_(days)
        clashes = _open_overlaps(session, doctor.id, same_day, values, exclude_id=None)
        if clashes:
            taken = sorted(
                {entry.day_of_week for entry in clashes if entry.day_of_week is not None}
            )
            names = ", ".join(DAY_NAMES[day] for day in taken)
            raise WeeklyOverlap(
                f"These hours overlap opening hours you already have on {names}; "
                "nothing was added.",
                daysOfWeek=taken,
            )
        entries = [
            ScheduleEntry(doctor_id=doctor.id, day_of_week=day, date=None, end_date=None, **values)
            for day in days
        ]
        session.add_all(entries)
        _changed(session, doctor.id)
    log.info(
        "weekly schedule entries created",
        extra={"doctor_id": doctor.id, "entry_ids": [entry.id for entry in entries]},
    )
    return entries


def _own_entry(session: Session, doctor: User, entry_id: int) -> ScheduleEntry:
    """The doctor's entry; NotFound for missing entries and for other doctors' entries."""
    entry = session.scalar(
        select(ScheduleEntry).where(
            ScheduleEntry.id == entry_id, ScheduleEntry.doctor_id == doctor.id
        )
    )
    if entry is None:
        raise NotFound()
    return entry


def update_entry(doctor: User, entry_id: int, body: EntryBody) -> ScheduleEntry:
    """Replace one of the doctor's entries; NotFound when it is not theirs (as create,
    time off over appointments included)."""
    values = _entry_values(body)
    _ensure_not_past(doctor, values, body)
    with transaction() as session:
        entry = _own_entry(session, doctor, entry_id)
        _check_entry(session, doctor.id, values, exclude_id=entry.id)
        for name, value in values.items():
            setattr(entry, name, value)
        _changed(session, doctor.id)
        session.flush()  # saved first: alternatives offered to cancelled visits skip it
        settle_time_off(session, doctor, values, body)
    log.info("schedule entry updated", extra={"doctor_id": doctor.id, "entry_id": entry_id})
    return entry


def delete_entry(doctor: User, entry_id: int) -> None:
    """Delete one of the doctor's entries; NotFound when it is not theirs."""
    with transaction() as session:
        session.delete(_own_entry(session, doctor, entry_id))
        _changed(session, doctor.id)
    log.info("schedule entry deleted", extra={"doctor_id": doctor.id, "entry_id": entry_id})


def _entries(session: Session, doctor_id: int) -> list[ScheduleEntry]:
    return list(
        session.scalars(
            select(ScheduleEntry)
            .where(ScheduleEntry.doctor_id == doctor_id)
            .order_by(
                ScheduleEntry.date.is_not(None),
                ScheduleEntry.day_of_week,
                ScheduleEntry.date,
                ScheduleEntry.start_minute,
                ScheduleEntry.id,
            )
        )
    )


def own_entries(doctor: User) -> list[ScheduleEntry]:
    """The doctor's entries: weekly ones by weekday and time, then dated ones by date."""
    with transaction(write=False) as session:
        return _entries(session, doctor.id)


def doctor_entries(viewer: User, doctor_id: int) -> list[ScheduleEntry]:
    """A listable doctor's entries (or the viewer's own); NotFound otherwise."""
    with transaction(write=False) as session:
        visible_doctor(session, viewer, doctor_id)
        return _entries(session, doctor_id)
