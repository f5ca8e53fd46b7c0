"""The doctor directory: which doctors patients see, with their earliest free slot.

Which doctors patients may see is decided in exactly one place, `User.is_active_doctor`.
The directory is public (guests browse it before signing in): a `DoctorView` holds only
what a doctor shows the world, never an email address, and nothing about patients.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, ColumnExpressionArgument, Row, and_, func, or_, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import DEFAULT_SLOT_MINUTES, MAX_APPOINTMENT_LENGTH, Role, User
from clinic360.accounts.specializations import Choice, doctors_having
from clinic360.core import cache
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.schedules.busy import Interval, blocked_intervals
from clinic360.schedules.closures import closed_dates
from clinic360.schedules.models import (
    VISIT_RULE_COLUMNS,
    WINDOW_COLUMNS,
    ScheduleEntry,
    VisitType,
)
from clinic360.schedules.slots import SlotRules, Window, iter_free_slots, local_date

NEXT_AVAILABLE_DAYS = 60
"""`nextAvailable` looks this far ahead."""
NEXT_AVAILABLE_PASSES = (1, 7, NEXT_AVAILABLE_DAYS)
"""Appointments are read for a page of doctors up to the first of these days ahead, then
only for the doctors still without a free slot up to the next (most have one tomorrow)."""


@dataclass(frozen=True)
class DoctorView:
    """A doctor as patients see them (no email), with their earliest free slot."""

    id: int
    full_name: str
    specialization: str | None
    specialization_id: int | None
    timezone: str
    slot_minutes: int
    address: str | None
    languages: str | None
    bio: str | None
    next_available: datetime | None


def visible_to(viewer: User | None) -> ColumnElement[bool]:
    """Listable doctors, plus the viewer themself when they are a doctor (pending or not);
    a guest (None) sees listable doctors only."""
    if viewer is None:
        return and_(User.is_active_doctor)
    return or_(User.is_active_doctor, and_(User.role == Role.DOCTOR.value, User.id == viewer.id))


def visible_doctor(session: Session, viewer: User | None, doctor_id: int) -> User:
    doctor = session.scalar(select(User).where(User.id == doctor_id, visible_to(viewer)))
    if doctor is None:
        raise NotFound()
    return doctor


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _first_free(
    doctor_windows: list[Window],
    zone: ZoneInfo,
    rules: SlotRules,
    busy: list[Interval],
    now: datetime,
    span: tuple[datetime, datetime],
    closed: frozenset[date] = frozenset(),
) -> datetime | None:
    """Start of the first free slot of the default type starting in [since, until), or
    None; seen at `now` (the type's notice and horizon)."""
    since, until = span
    slots = iter_free_slots(
        zone=zone,
        slot_minutes=rules.duration_minutes,
        grid_minutes=rules.slot_grid_minutes,
        buffer_before_minutes=rules.buffer_before_minutes,
        buffer_after_minutes=rules.buffer_after_minutes,
        windows=doctor_windows,
        busy=busy,
        now=max(since, rules.earliest_start(now)),
        latest_start=rules.latest_start(now),
        first_day=local_date(zone, since),
        last_day=local_date(zone, until),
        closed_dates=closed,
    )
    first = next(slots, None)
    return first.start if first is not None and first.start < until else None


def _next_available(
    session: Session,
    doctors: dict[int, tuple[list[Window], ZoneInfo, SlotRules]],
    now: datetime,
) -> dict[int, datetime | None]:
    """Each doctor's first free slot in the next 60 days, reading appointments in batches.

    One `blocked_intervals` call covers every doctor for the next day; only doctors without
    a free slot in it need a second call for the rest of the week, and those booked up for
    the week a third for the rest of the 60 days. So a page of doctors costs one query in
    the common case and three at most, never one per doctor.
    """
    found: dict[int, datetime | None] = dict.fromkeys(doctors)
    horizons = [now, *(now + timedelta(days=days) for days in NEXT_AVAILABLE_PASSES)]
    pending = [doctor_id for doctor_id, (windows, _, _) in doctors.items() if windows]
    closed = (
        closed_dates(
            session, (now - timedelta(days=1)).date(), (horizons[-1] + timedelta(days=1)).date()
        )
        if pending
        else frozenset()
    )
    for since, until in itertools.pairwise(horizons):
        if not pending:
            break
        # A slot starting before `until` may run into an appointment up to the longest later.
        busy = blocked_intervals(session, pending, since, until + MAX_APPOINTMENT_LENGTH)
        still_pending = []
        for doctor_id in pending:
            windows, zone, rules = doctors[doctor_id]
            doctor_busy = busy.get(doctor_id, [])
            first = _first_free(windows, zone, rules, doctor_busy, now, (since, until), closed)
            found[doctor_id] = first
            if first is None:
                still_pending.append(doctor_id)
        pending = still_pending
    return found


def _rules_of(row: Row[Any]) -> SlotRules:
    """The doctor's default visit type's rules (their slot length if they have none)."""
    if row.duration_minutes is None:
        minutes = _slot_minutes(row)
        return SlotRules(minutes, minutes)
    return SlotRules._make(getattr(row, column.key) for column in VISIT_RULE_COLUMNS)


@dataclass(frozen=True)
class _PageDoctor:
    """What a directory page holds of one doctor besides `nextAvailable` (cacheable)."""

    view: DoctorView  # next_available None here
    windows: list[Window]
    timezone: str
    rules: SlotRules


def _page_doctors(
    session: Session, conditions: Sequence[ColumnExpressionArgument[bool]], limit: int, offset: int
) -> tuple[list[_PageDoctor], int]:
    """One page of doctors with their entries and default type's rules, and the total.

    One query reads the page of doctors, the total (a window count) and all their schedule
    entries (a join); a count query runs only when the page is empty, to report the total.
    """
    # The page is chosen on narrow rows (id, name, the total), then its doctors' columns,
    # default type and entries are joined to those 100 ids only: sorting every listable
    # doctor's whole row (bio, address) cost more than the rest of the query.
    page = (
        select(User.id, func.count().over().label("total"))
        .where(*conditions)
        .order_by(User.full_name, User.id)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    rows = session.execute(
        select(
            User.id,
            User.full_name,
            User.specialization.label("specialization"),
            User.specialization_id,
            User.timezone,
            User.slot_minutes,
            User.address,
            User.languages,
            User.bio,
            *VISIT_RULE_COLUMNS,
            page.c.total,
            *WINDOW_COLUMNS,
        )
        .join(page, page.c.id == User.id)
        .outerjoin(VisitType, and_(VisitType.doctor_id == User.id, VisitType.is_default))
        .outerjoin(ScheduleEntry, ScheduleEntry.doctor_id == User.id)
        .order_by(User.full_name, User.id)
    ).all()
    if not rows:
        total = session.scalar(select(func.count()).select_from(User).where(*conditions))
        return [], total or 0
    doctors: dict[int, Any] = {}  # a Row of the statement above per doctor
    windows: dict[int, list[Window]] = defaultdict(list)
    window_at = len(rows[0]) - len(WINDOW_COLUMNS)
    for row in rows:
        doctors.setdefault(row.id, row)
        if row.start_minute is not None:
            windows[row.id].append(Window._make(row[window_at:]))
    found = [
        _PageDoctor(
            DoctorView(
                id=doctor_id,
                full_name=row.full_name,
                specialization=row.specialization,
                specialization_id=row.specialization_id,
                timezone=row.timezone,
                slot_minutes=_slot_minutes(row),
                address=row.address,
                languages=row.languages,
                bio=row.bio,
                next_available=None,
            ),
            windows.get(doctor_id, []),
            row.timezone,
            _rules_of(row),
        )
        for doctor_id, row in doctors.items()
    ]
    return found, int(rows[0].total)


def _with_next_available(
    session: Session, doctors: list[_PageDoctor], known: dict[int, datetime | None]
) -> list[DoctorView]:
    """The page's views with `nextAvailable`: `known` ones as given, the others searched
    (`_next_available`, one to three queries for all of them); `known` gets those added."""
    missing = {
        d.view.id: (d.windows, ZoneInfo(d.timezone), d.rules)
        for d in doctors
        if d.view.id not in known
    }
    if missing:
        known.update(_next_available(session, missing, utcnow()))
    return [replace(d.view, next_available=known[d.view.id]) for d in doctors]


def _doctor_page(
    session: Session, conditions: Sequence[ColumnExpressionArgument[bool]], limit: int, offset: int
) -> tuple[list[DoctorView], int]:
    """One page of doctors with `nextAvailable`, uncached: `_page_doctors`, then
    `_next_available` reads appointments for the whole page in one call (two or three when
    a doctor is booked up for a day or a week)."""
    doctors, total = _page_doctors(session, conditions, limit, offset)
    return _with_next_available(session, doctors, {}), total


def _cached_page(
    session: Session,
    conditions: Sequence[ColumnExpressionArgument[bool]],
    page_key: str,
    limit: int,
    offset: int,
) -> tuple[list[DoctorView], int]:
    """`_doctor_page` through the read cache (`core.cache`), with the same answer.

    The page (doctors, entries, default type rules, total) is kept under the `DIRECTORY`
    version, which every profile, approval, schedule, visit type and closure change bumps.
    Each doctor's `nextAvailable` is kept under their own version and the directory's
    (every appointment change bumps the doctor's), with the time it was found at: a free
    slot found at t0 is still the first one at t1 as long as it does not start before the
    notice seen at t1 (time only removes slots at the front; the horizon only adds later
    ones). A doctor with no free slot (None) is searched again each time, since the
    horizon moving on may bring one.
    """
    now = utcnow()
    directory_version = cache.versions(session, ())[cache.DIRECTORY]
    key = f"dir:{directory_version}:{page_key}:{limit}:{offset}"
    page = cache.get(key)
    if page is None:
        page = _page_doctors(session, conditions, limit, offset)
        cache.put(key, page)
    doctors, total = page
    ids = [d.view.id for d in doctors]
    current = cache.versions(session, ids)
    if current[cache.DIRECTORY] != directory_version:  # a change committed meanwhile
        return _doctor_page(session, conditions, limit, offset)
    keys = [f"next:{i}:{current[i]}:{directory_version}" for i in ids]
    known: dict[int, datetime | None] = {}
    for doctor, found in zip(doctors, cache.get_many(keys), strict=True):
        if not doctor.windows:
            known[doctor.view.id] = None  # no entries: never a slot, nothing to search
        elif found is not None and found >= doctor.rules.earliest_start(now):
            known[doctor.view.id] = found
    searched = {i for i in ids if i not in known}
    views = _with_next_available(session, doctors, known)
    cache.set_many(
        {
            key: known[doctor_id]
            for key, doctor_id in zip(keys, ids, strict=True)
            if doctor_id in searched and known[doctor_id] is not None
        }
    )
    return views, total


def _slot_minutes(row: Row[Any]) -> int:
    return int(row.slot_minutes or DEFAULT_SLOT_MINUTES)


def list_doctors(
    specialization: Choice | None, q: str | None, limit: int, offset: int
) -> tuple[list[DoctorView], int]:
    """Listable doctors by name, filtered by an entry of the specialization list (its id, or
    its name ignoring case) and a name fragment (`q`, matched literally: `%` and `_` are not
    wildcards); with the total."""
    conditions: list[ColumnExpressionArgument[bool]] = [User.is_active_doctor]
    if specialization is not None:
        conditions.append(doctors_having(specialization))
    if q:
        pattern = f"%{_escape_like(q.lower())}%"
        conditions.append(func.lower(User.full_name).like(pattern, escape="\\"))
    with transaction(write=False) as session:
        if cache.enabled():
            page_key = f"{type(specialization).__name__}:{specialization!r}:{q!r}"
            return _cached_page(session, conditions, page_key, limit, offset)
        return _doctor_page(session, conditions, limit, offset)


def get_doctor(viewer: User | None, doctor_id: int) -> DoctorView:
    """One listable doctor (or the viewer themself; None: a guest); NotFound otherwise."""
    with transaction(write=False) as session:
        views, _ = _doctor_page(session, [User.id == doctor_id, visible_to(viewer)], 1, 0)
    if not views:
        raise NotFound()
    return views[0]
