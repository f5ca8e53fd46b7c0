"""Schedule rules: entries, the doctor directory, free slots, availability checks.

Public functions that start with a session argument (`ensure_within_open_hours`,
`nearest_free_slots`) run inside the caller's transaction (appointments uses them while
booking); the others each own one transaction.

Which doctors patients may see is decided in exactly one place, `_listable()`.
"""

from __future__ import annotations

import heapq
import itertools
import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import DEFAULT_SLOT_MINUTES, Role, User
from clinic360.appointments.queries import Interval, busy_intervals
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.schedules.errors import OutsideAvailability
from clinic360.schedules.models import ScheduleEntry
from clinic360.schedules.schemas import EntryBody, parse_hh_mm
from clinic360.schedules.slots import (
    MINUTES_PER_DAY,
    Schedule,
    Slot,
    Window,
    covers,
    iter_free_slots,
    local_date,
    nearest,
    wall_to_utc,
)

log = logging.getLogger("clinic360.schedules")

NEXT_AVAILABLE_DAYS = 60
"""`nextAvailable` looks this far ahead."""
MAX_RANGE_DAYS = 62
"""Longest slot query, counting both `from` and `to`."""
LATEST_UTC_OFFSET = timedelta(hours=14)
"""The furthest ahead of UTC any zone's clock runs (Pacific/Kiritimati)."""
EARLIEST_UTC_OFFSET = timedelta(hours=12)
"""The furthest behind UTC any zone's clock runs (Etc/GMT+12)."""
NEAREST_SEARCH_DAYS = 14
"""`nearest_free_slots` searches this many days either side of the requested time."""
DEFAULT_RANGE_DAYS = 7


@dataclass(frozen=True)
class DoctorView:
    """A doctor as patients see them (no email), with their earliest free slot."""

    id: int
    full_name: str
    specialization: str | None
    timezone: str
    slot_minutes: int
    next_available: datetime | None


# --------------------------------------------------------------------------- helpers


def _listable() -> ColumnElement[bool]:
    """Doctors patients may see, search and book: approved, not suspended doctors.

    Every read in this module goes through this function.
    """
    return and_(
        User.role == Role.DOCTOR.value, User.approved.is_(True), User.suspended_at.is_(None)
    )


def _visible_to(viewer: User) -> ColumnElement[bool]:
    """Listable doctors, plus the viewer themself when they are a doctor (pending or not)."""
    return or_(_listable(), and_(User.role == Role.DOCTOR.value, User.id == viewer.id))


def zone_of(doctor: User) -> ZoneInfo:
    return ZoneInfo(doctor.timezone or "UTC")


def slot_minutes_of(doctor: User) -> int:
    return doctor.slot_minutes or DEFAULT_SLOT_MINUTES


def _window(entry: ScheduleEntry) -> Window:
    return Window(
        start_minute=entry.start_minute,
        end_minute=entry.end_minute,
        is_available=entry.is_available,
        day_of_week=entry.day_of_week,
        date=entry.date,
    )


def _windows_of(session: Session, doctor_ids: Sequence[int]) -> dict[int, list[Window]]:
    """Every schedule entry of these doctors, in one indexed query."""
    windows: dict[int, list[Window]] = defaultdict(list)
    if not doctor_ids:
        return windows
    for entry in session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.doctor_id.in_(list(doctor_ids)))
    ):
        windows[entry.doctor_id].append(_window(entry))
    return windows


def _day_start(zone: ZoneInfo, day: date) -> datetime:
    return wall_to_utc(zone, day, 0)


def _day_end(zone: ZoneInfo, day: date) -> datetime:
    return wall_to_utc(zone, day, MINUTES_PER_DAY)


# ------------------------------------------------------- used by the appointments domain


def ensure_within_open_hours(
    session: Session, doctor: User, start: datetime, end: datetime
) -> None:
    """Return when [start, end) lies entirely inside the doctor's open time.

    Open time is the open windows minus the closed ones (weekly and dated, on the doctor's
    clock; see `slots` for daylight saving). Appointments are ignored: overlap with other
    bookings is the caller's concern. Adjacent open windows count as one (09:00–12:00 plus
    12:00–15:00 admits 11:30–12:30). Reads only this doctor's entries.

    Raises OutsideAvailability (422 `outside_availability`) otherwise, and for an empty or
    reversed interval. `start` and `end` must be timezone-aware.
    """
    if end <= start:
        raise OutsideAvailability()
    zone = zone_of(doctor)
    schedule = Schedule(zone, _windows_of(session, [doctor.id]).get(doctor.id, []))
    first_day = local_date(zone, start) - timedelta(days=1)
    last_day = local_date(zone, end) + timedelta(days=1)
    if not covers(schedule.open_time(first_day, last_day), start, end):
        raise OutsideAvailability()


def nearest_free_slots(
    session: Session, doctor: User, around: datetime, limit: int = 3
) -> list[Slot]:
    """Up to `limit` free slots of the doctor whose start is nearest to `around`.

    Searches the local dates from `around` − 14 days to `around` + 14 days (never the past),
    minus non-cancelled appointments. Ties go to the earlier slot; the result is sorted by
    start. Reads this doctor's entries and appointments in that range (two queries).
    """
    zone = zone_of(doctor)
    now = utcnow()
    first_day = local_date(zone, max(around, now) - timedelta(days=NEAREST_SEARCH_DAYS))
    last_day = local_date(zone, around + timedelta(days=NEAREST_SEARCH_DAYS))
    if _day_end(zone, last_day) <= now:
        return []
    return nearest(_doctor_free_slots(session, doctor, now, first_day, last_day), around, limit)


def _doctor_free_slots(
    session: Session, doctor: User, now: datetime, first_day: date, last_day: date
) -> Iterator[Slot]:
    """One doctor's free slots for local dates [first_day, last_day]: reads their entries
    and their appointments in that range (two indexed queries, none without entries)."""
    windows = _windows_of(session, [doctor.id]).get(doctor.id, [])
    if not windows:
        return iter(())
    zone = zone_of(doctor)
    busy = busy_intervals(
        session, [doctor.id], max(now, _day_start(zone, first_day)), _day_end(zone, last_day)
    ).get(doctor.id, [])
    return iter_free_slots(
        zone=zone,
        slot_minutes=slot_minutes_of(doctor),
        windows=windows,
        busy=busy,
        now=now,
        first_day=first_day,
        last_day=last_day,
    )


# ------------------------------------------------------------------- schedule entries


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
        _visible_doctor(session, viewer, doctor_id)
        return _entries(session, doctor_id)


# ----------------------------------------------------------------- doctors and slots


def _visible_doctor(session: Session, viewer: User, doctor_id: int) -> User:
    doctor = session.scalar(select(User).where(User.id == doctor_id, _visible_to(viewer)))
    if doctor is None:
        raise NotFound()
    return doctor


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _first_free(
    doctor_windows: list[Window],
    zone: ZoneInfo,
    slot_minutes: int,
    busy: list[Interval],
    since: datetime,
    until: datetime,
) -> datetime | None:
    """Start of the first free slot starting in [since, until), or None."""
    slots = iter_free_slots(
        zone=zone,
        slot_minutes=slot_minutes,
        windows=doctor_windows,
        busy=busy,
        now=since,
        first_day=local_date(zone, since),
        last_day=local_date(zone, until),
    )
    first = next(slots, None)
    return first.start if first is not None and first.start < until else None


_LONGEST_SLOT = timedelta(minutes=240)


def _next_available(
    session: Session,
    doctors: dict[int, tuple[list[Window], ZoneInfo, int]],
    now: datetime,
) -> dict[int, datetime | None]:
    """Each doctor's first free slot in the next 60 days, reading appointments in batches.

    One `busy_intervals` call covers every doctor for the first week; only doctors booked
    up for that whole week need a second call for the rest of the 60 days. So a page of
    doctors costs one query in the common case and two at most, never one per doctor.
    """
    found: dict[int, datetime | None] = dict.fromkeys(doctors)
    horizons = [now, now + timedelta(days=7), now + timedelta(days=NEXT_AVAILABLE_DAYS)]
    pending = [doctor_id for doctor_id, (windows, _, _) in doctors.items() if windows]
    for since, until in itertools.pairwise(horizons):
        if not pending:
            break
        # A slot starting before `until` may run into an appointment up to 4 h later.
        busy = busy_intervals(session, pending, since, until + _LONGEST_SLOT)
        still_pending = []
        for doctor_id in pending:
            windows, zone, slot_minutes = doctors[doctor_id]
            first = _first_free(windows, zone, slot_minutes, busy.get(doctor_id, []), since, until)
            found[doctor_id] = first
            if first is None:
                still_pending.append(doctor_id)
        pending = still_pending
    return found


def _doctor_page(
    session: Session, conditions: Sequence[ColumnElement[bool]], limit: int, offset: int
) -> tuple[list[DoctorView], int]:
    """One page of doctors with `nextAvailable`, in a fixed number of queries.

    Query 1 reads the page of doctors, the total (a window count) and all their schedule
    entries (a join); then `_next_available` reads appointments for the whole page in one
    call (two when a doctor is booked up for a week). A count query runs only when the
    page is empty, to report the total.
    """
    page = (
        select(
            User.id,
            User.full_name,
            User.specialization,
            User.timezone,
            User.slot_minutes,
            func.count().over().label("total"),
        )
        .where(*conditions)
        .order_by(User.full_name, User.id)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    rows = session.execute(
        select(
            page,
            ScheduleEntry.day_of_week,
            ScheduleEntry.date,
            ScheduleEntry.start_minute,
            ScheduleEntry.end_minute,
            ScheduleEntry.is_available,
        )
        .outerjoin(ScheduleEntry, ScheduleEntry.doctor_id == page.c.id)
        .order_by(page.c.full_name, page.c.id)
    ).all()
    if not rows:
        total = session.scalar(select(func.count()).select_from(User).where(*conditions))
        return [], total or 0
    doctors: dict[int, tuple[str, str | None, str, int]] = {}
    windows: dict[int, list[Window]] = defaultdict(list)
    for row in rows:
        doctors.setdefault(
            row.id,
            (
                row.full_name,
                row.specialization,
                row.timezone,
                row.slot_minutes or DEFAULT_SLOT_MINUTES,
            ),
        )
        if row.start_minute is not None:
            windows[row.id].append(
                Window(
                    start_minute=row.start_minute,
                    end_minute=row.end_minute,
                    is_available=row.is_available,
                    day_of_week=row.day_of_week,
                    date=row.date,
                )
            )
    next_available = _next_available(
        session,
        {
            doctor_id: (windows.get(doctor_id, []), ZoneInfo(timezone), slot_minutes)
            for doctor_id, (_, _, timezone, slot_minutes) in doctors.items()
        },
        utcnow(),
    )
    views = []
    for doctor_id, (full_name, specialization, timezone, slot_minutes) in doctors.items():
        views.append(
            DoctorView(
                id=doctor_id,
                full_name=full_name,
                specialization=specialization,
                timezone=timezone,
                slot_minutes=slot_minutes,
                next_available=next_available[doctor_id],
            )
        )
    return views, int(rows[0].total)


def list_doctors(
    specialization: str | None, q: str | None, limit: int, offset: int
) -> tuple[list[DoctorView], int]:
    """Listable doctors by name, filtered by specialization (ignoring case) and a name
    fragment (`q`, matched literally: `%` and `_` are not wildcards); with the total."""
    conditions = [_listable()]
    if specialization:
        conditions.append(func.lower(User.specialization) == specialization.lower())
    if q:
        pattern = f"%{_escape_like(q.lower())}%"
        conditions.append(func.lower(User.full_name).like(pattern, escape="\\"))
    with transaction(write=False) as session:
        return _doctor_page(session, conditions, limit, offset)


def get_doctor(viewer: User, doctor_id: int) -> DoctorView:
    """One listable doctor (or the viewer themself); NotFound otherwise."""
    with transaction(write=False) as session:
        views, _ = _doctor_page(session, [User.id == doctor_id, _visible_to(viewer)], 1, 0)
    if not views:
        raise NotFound()
    return views[0]


def _date_range(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """Defaults (today, first + 6 days) and the range rules; ValidationFailed otherwise."""
    first = first or today
    last = last or first + timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if last < first:
        raise ValidationFailed({"to": "must not be before from"})
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ValidationFailed({"to": f"the range may cover at most {MAX_RANGE_DAYS} days"})
    return first, last


def doctor_slots(viewer: User, doctor_id: int, first: date | None, last: date | None) -> list[Slot]:
    """Free slots of a listable doctor for the local dates [first, last] (default: the
    doctor's today and the 6 days after); at most 62 days. Three indexed queries: the
    doctor, their entries, their appointments in the range."""
    with transaction(write=False) as session:
        doctor = _visible_doctor(session, viewer, doctor_id)
        zone = zone_of(doctor)
        now = utcnow()
        first, last = _date_range(first, last, local_date(zone, now))
        return list(_doctor_free_slots(session, doctor, now, first, last))


def earliest_slots(
    specialization: str | None, first: date | None, last: date | None, limit: int
) -> list[tuple[int, Slot]]:
    """The `limit` earliest free slots across listable doctors, as (doctor id, slot).

    Dates are read on each doctor's own clock (default: each doctor's today and the 6 days
    after). One query for the doctors with their entries, then one for their appointments
    in the first two days; the whole range is read only when those days fall short.
    """
    now = utcnow()
    requested_first = first
    first, last = _date_range(first, last, now.date())
    conditions = [_listable()]
    if specialization:
        conditions.append(func.lower(User.specialization) == specialization.lower())
    with transaction(write=False) as session:
        rows = session.execute(
            select(
                User.id,
                User.timezone,
                User.slot_minutes,
                ScheduleEntry.start_minute,
                ScheduleEntry.end_minute,
                ScheduleEntry.is_available,
                ScheduleEntry.day_of_week,
                ScheduleEntry.date,
            )
            .join(ScheduleEntry, ScheduleEntry.doctor_id == User.id)
            .where(*conditions)
        ).all()
    doctors: dict[int, tuple[ZoneInfo, int]] = {}
    windows: dict[int, list[Window]] = defaultdict(list)
    for doctor_id, timezone, slot_minutes, *window in rows:
        if doctor_id not in doctors:
            doctors[doctor_id] = (ZoneInfo(timezone), slot_minutes or DEFAULT_SLOT_MINUTES)
        windows[doctor_id].append(Window._make(window))  # the columns above, in its order

    def earliest_until(horizon: date) -> list[tuple[int, Slot]]:
        """The earliest slots on each doctor's days up to `horizon`, exact before the cutoff."""
        with transaction(write=False) as session:
            # A local date runs from UTC-14 h to UTC+12 h of the same UTC date's bounds.
            busy = busy_intervals(
                session,
                list(doctors),
                max(now, datetime.combine(first, time(), UTC) - LATEST_UTC_OFFSET),
                datetime.combine(horizon + timedelta(days=1), time(), UTC) + EARLIEST_UTC_OFFSET,
            )

        def per_doctor(doctor_id: int) -> Iterator[tuple[datetime, int, Slot]]:
            zone, slot_minutes = doctors[doctor_id]
            for slot in iter_free_slots(
                zone=zone,
                slot_minutes=slot_minutes,
                windows=windows[doctor_id],
                busy=busy.get(doctor_id, []),
                now=now,
                first_day=requested_first or local_date(zone, now),
                last_day=horizon,
            ):
                yield slot.start, doctor_id, slot

        merged = heapq.merge(*(per_doctor(doctor_id) for doctor_id in sorted(doctors)))
        if horizon >= last:
            return [(doctor_id, slot) for _, doctor_id, slot in itertools.islice(merged, limit)]
        # A day after the horizon starts, somewhere (UTC+14), at this instant: slots before
        # it are complete; later ones may miss a slot of a day not yet looked at.
        cutoff = datetime.combine(horizon + timedelta(days=1), time(), UTC) - LATEST_UTC_OFFSET
        found = itertools.takewhile(lambda item: item[0] < cutoff, merged)
        return [(doctor_id, slot) for _, doctor_id, slot in itertools.islice(found, limit)]

    # Most searches are answered by the first two days; read further only when they fall short.
    first_pass = earliest_until(min(last, first + timedelta(days=1)))
    if len(first_pass) == limit or first + timedelta(days=1) >= last:
        return first_pass
    return earliest_until(last)
