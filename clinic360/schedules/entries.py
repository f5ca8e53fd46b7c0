"""Schedule entries: a doctor's weekly and dated opening (and closing) windows."""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.schedules.directory import visible_doctor
from clinic360.schedules.models import ScheduleEntry
from clinic360.schedules.schemas import EntryBody, parse_hh_mm

log = logging.getLogger("clinic360.schedules")


def _entry_values(body: EntryBody) -> dict[str, object]:
    """Column values of a valid body; ValidationFailed (camelCase fields) otherwise."""
    errors: dict[str, str] = {}
    if (body.day_of_week is None) == (body.date is None):
        errors["dayOfWeek"] = "give exactly one of dayOfWeek and date"
    start = parse_hh_mm(body.start_time)
    end = parse_hh_mm(body.end_time, allow_midnight_end=True)
    if start >= end:
        errors["endTime"] = "must be after startTime"
    if errors:
        raise ValidationFailed(errors)
    return {
        "day_of_week": body.day_of_week,
        "date": body.date,
        "start_minute": start,
        "end_minute": end,
        "is_available": body.is_available,
    }


def _check_entry(
    session: Session, doctor_id: int, values: dict[str, object], exclude_id: int | None
) -> None:
    """Per-doctor limits: entry count, and no overlapping open windows on one day.

    Takes the doctor's row lock first (PostgreSQL), so concurrent edits of one doctor's
    schedule run one after the other; on SQLite the write transaction already serialises.
    """
    session.execute(select(User.id).where(User.id == doctor_id).with_for_update())
    if exclude_id is None:
        count = session.scalar(select(func.count()).where(ScheduleEntry.doctor_id == doctor_id))
        limit = current_app.config["SCHEDULE_MAX_ENTRIES"]
        if (count or 0) >= limit:
            raise ValidationFailed({"body": f"a doctor may have at most {limit} schedule entries"})
    if not values["is_available"]:
        return
    same_day = (
        ScheduleEntry.day_of_week == values["day_of_week"]
        if values["day_of_week"] is not None
        else ScheduleEntry.date == values["date"]
    )
    overlapping = session.scalar(
        select(ScheduleEntry.id)
        .where(
            ScheduleEntry.doctor_id == doctor_id,
            same_day,
            ScheduleEntry.is_available.is_(True),
            ScheduleEntry.start_minute < values["end_minute"],
            ScheduleEntry.end_minute > values["start_minute"],
            ScheduleEntry.id != (exclude_id or 0),
        )
        .limit(1)
    )
    if overlapping is not None:
        raise ValidationFailed(
            {"startTime": f"overlaps opening window {overlapping} on the same day"}
        )


def create_entry(doctor: User, body: EntryBody) -> ScheduleEntry:
    """Add a window to the doctor's schedule.

    Raises ValidationFailed: not exactly one of dayOfWeek/date, startTime ≥ endTime, an
    open window overlapping another open window of the same weekday (or date), too many
    entries.
    """
    values = _entry_values(body)
    with transaction() as session:
        _check_entry(session, doctor.id, values, exclude_id=None)
        entry = ScheduleEntry(doctor_id=doctor.id, **values)
        session.add(entry)
    log.info("schedule entry created", extra={"doctor_id": doctor.id, "entry_id": entry.id})
    return entry


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
    """Replace one of the doctor's entries; NotFound when it is not theirs (as create)."""
    values = _entry_values(body)
    with transaction() as session:
        entry = _own_entry(session, doctor, entry_id)
        _check_entry(session, doctor.id, values, exclude_id=entry.id)
        for name, value in values.items():
            setattr(entry, name, value)
    log.info("schedule entry updated", extra={"doctor_id": doctor.id, "entry_id": entry_id})
    return entry


def delete_entry(doctor: User, entry_id: int) -> None:
    """Delete one of the doctor's entries; NotFound when it is not theirs."""
    with transaction() as session:
        session.delete(_own_entry(session, doctor, entry_id))
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
