"""Availability: open hours, free slots, and the checks booking runs against them.

`ensure_within_open_hours` and `nearest_free_slots` take the caller's session (appointments
uses them while booking); the others each own one transaction. Booked time comes through
`schedules.busy` (the appointments domain provides it), never from the appointments table.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnExpressionArgument, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.accounts.specializations import Choice, doctors_having
from clinic360.core import cache
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.schedules.busy import blocked_intervals
from clinic360.schedules.closures import closed_dates, ensure_open_on
from clinic360.schedules.directory import visible_to
from clinic360.schedules.errors import InvalidVisitType, NotASlot, OutsideAvailability
from clinic360.schedules.models import (
    VISIT_RULE_COLUMNS,
    WINDOW_COLUMNS,
    ScheduleEntry,
    VisitType,
    name_key,
)
from clinic360.schedules.slots import (
    MINUTES_PER_DAY,
    Schedule,
    Slot,
    SlotRules,
    Window,
    covers,
    iter_free_slots,
    iter_type_slots,
    local_date,
    nearest,
    wall_to_utc,
)
from clinic360.schedules.visit_types import bookable_type, invalid_type

MAX_RANGE_DAYS = 62
"""Longest slot query, counting both `from` and `to`."""
LATEST_UTC_OFFSET = timedelta(hours=14)
"""The furthest ahead of UTC any zone's clock runs (Pacific/Kiritimati)."""
EARLIEST_UTC_OFFSET = timedelta(hours=12)
"""The furthest behind UTC any zone's clock runs (Etc/GMT+12)."""
NEAREST_SEARCH_DAYS = 14
"""`nearest_free_slots` searches this many days either side of the requested time."""
DEFAULT_RANGE_DAYS = 7


def zone_of(doctor: User) -> ZoneInfo:
    return ZoneInfo(doctor.timezone or "UTC")


def windows_of(session: Session, doctor_ids: Sequence[int]) -> dict[int, list[Window]]:
    """Every schedule entry of these doctors, in one indexed query."""
    windows: dict[int, list[Window]] = defaultdict(list)
    if not doctor_ids:
        return windows
    for doctor_id, *window in session.execute(
        select(ScheduleEntry.doctor_id, *WINDOW_COLUMNS).where(
            ScheduleEntry.doctor_id.in_(list(doctor_ids))
        )
    ):
        windows[doctor_id].append(Window._make(window))
    return windows


def _day_start(zone: ZoneInfo, day: date) -> datetime:
    return wall_to_utc(zone, day, 0)


def _day_end(zone: ZoneInfo, day: date) -> datetime:
    return wall_to_utc(zone, day, MINUTES_PER_DAY)


def ensure_within_open_hours(
    session: Session, doctor: User, start: datetime, end: datetime
) -> None:
    """Return when [start, end) lies entirely inside the doctor's open time.

    Open time is the open windows minus the closed ones (weekly and dated, on the doctor's
    clock; see `slots` for daylight saving). Appointments are ignored: overlap with other
    bookings is the caller's concern. Adjacent open windows count as one (09:00–12:00 plus
    12:00–15:00 admits 11:30–12:30). Reads only this doctor's entries.

    Raises ClinicClosed (422 `clinic_closed`) when it touches a clinic closure date on the
    doctor's clock, OutsideAvailability (422 `outside_availability`) when it is not open
    time, and for an empty or reversed interval. `start` and `end` must be timezone-aware.
    """
    zone = zone_of(doctor)
    ensure_open_on(session, zone, start, end)
    if not _within_open_hours(zone, _hours(session, doctor, zone)[0], start, end):
        raise OutsideAvailability()


def _hours(session: Session, doctor: User, zone: ZoneInfo) -> tuple[Schedule, list[Window]]:
    windows = windows_of(session, [doctor.id]).get(doctor.id, [])
    return Schedule(zone, windows), windows


def _within_open_hours(zone: ZoneInfo, schedule: Schedule, start: datetime, end: datetime) -> bool:
    if end <= start:
        return False
    first_day = local_date(zone, start) - timedelta(days=1)
    last_day = local_date(zone, end) + timedelta(days=1)
    return covers(schedule.open_time(first_day, last_day), start, end)


def _grid_problem(
    zone: ZoneInfo,
    hours: tuple[Schedule, list[Window]],
    rules: SlotRules,
    start: datetime,
    end: datetime,
) -> type[OutsideAvailability] | type[NotASlot] | None:
    """Why [start, end) is not one of the doctor's slots of a visit type, or None."""
    if not _within_open_hours(zone, hours[0], start, end):
        return OutsideAvailability
    day = local_date(zone, start)
    grid = iter_free_slots(
        zone=zone,
        slot_minutes=rules.duration_minutes,
        grid_minutes=rules.slot_grid_minutes,
        windows=hours[1],
        busy=(),
        now=start,
        first_day=day - timedelta(days=1),
        last_day=day,
    )
    return None if Slot(start, end) in grid else NotASlot


def ensure_on_slot_grid(
    session: Session, doctor: User, rules: SlotRules, start: datetime, end: datetime
) -> None:
    """Return when [start, end) is one of the doctor's slots of a visit type, as
    GET /api/doctors/{id}/slots cuts them (their windows, the type's length and grid,
    closed time left out), booked or not, whatever the notice.

    Whether the slot is still free is the caller's concern (the overlap check and the
    database constraints decide it, with `alternatives`). Raises `OutsideAvailability` when
    the interval is not inside open time, `NotASlot` when it is but is off the grid.
    """
    zone = zone_of(doctor)
    ensure_open_on(session, zone, start, end)
    problem = _grid_problem(zone, _hours(session, doctor, zone), rules, start, end)
    if problem is not None:
        raise problem()


def off_slot_grid(
    session: Session, doctor: User, rules: SlotRules, visits: Sequence[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """Those of `visits` that `ensure_on_slot_grid` would refuse (outside open time or off
    the grid), reading the doctor's entries once (a recurring series)."""
    zone = zone_of(doctor)
    hours = _hours(session, doctor, zone)
    return [
        (start, end)
        for start, end in visits
        if _grid_problem(zone, hours, rules, start, end) is not None
    ]


def nearest_free_slots(
    session: Session, doctor: User, rules: SlotRules, around: datetime, limit: int = 3
) -> list[Slot]:
    """Up to `limit` free slots of a visit type of the doctor nearest to `around`.

    Searches the local dates from `around` − 14 days to `around` + 14 days (never the past,
    never inside the type's notice or beyond its horizon), minus the blocked ranges of
    non-cancelled appointments. Ties go to the earlier slot; the result is sorted by start.
    Reads this doctor's entries and appointments in that range (two queries).
    """
    zone = zone_of(doctor)
    now = utcnow()
    first_day = local_date(zone, max(around, now) - timedelta(days=NEAREST_SEARCH_DAYS))
    last_day = local_date(zone, around + timedelta(days=NEAREST_SEARCH_DAYS))
    if _day_end(zone, last_day) <= now:
        return []
    slots = _doctor_free_slots(session, doctor, rules, now, first_day, last_day)
    return nearest(slots, around, limit)


def is_free_slot(session: Session, doctor: User, rules: SlotRules, slot: Slot) -> bool:
    """Whether `slot` is one of the doctor's free slots of a visit type now (open hours,
    grid, notice and horizon, nothing booked in its blocked range): the slot engine over
    its local date and the day before only (two indexed queries)."""
    day = local_date(zone_of(doctor), slot.start)
    found = _doctor_free_slots(session, doctor, rules, utcnow(), day - timedelta(days=1), day)
    return slot in set(found)


def free_slots_between(
    session: Session, doctor: User, rules: SlotRules, first_day: date, last_day: date
) -> Iterator[Slot]:
    """The doctor's free slots of a visit type for local dates [first_day, last_day], now
    (notice, horizon, booked time left out), in time order."""
    return _doctor_free_slots(session, doctor, rules, utcnow(), first_day, last_day)


def _doctor_free_slots(
    session: Session,
    doctor: User,
    rules: SlotRules,
    now: datetime,
    first_day: date,
    last_day: date,
) -> Iterator[Slot]:
    """One doctor's free slots of a type for local dates [first_day, last_day]: reads their
    entries, their appointments and the clinic closures in that range (three indexed
    queries, none without entries)."""
    windows = windows_of(session, [doctor.id]).get(doctor.id, [])
    return _free_slots(
        session, doctor.id, zone_of(doctor), windows, rules, now, (first_day, last_day)
    )


def _free_slots(
    session: Session,
    doctor_id: int,
    zone: ZoneInfo,
    windows: list[Window],
    rules: SlotRules,
    now: datetime,
    dates: tuple[date, date],
) -> Iterator[Slot]:
    """The slot engine over a doctor's windows, with their appointments and the clinic
    closures in the local dates `dates` (two indexed queries, none without windows)."""
    if not windows:
        return iter(())
    first_day, last_day = dates
    busy = blocked_intervals(
        session, [doctor_id], max(now, _day_start(zone, first_day)), _day_end(zone, last_day)
    ).get(doctor_id, [])
    return iter_type_slots(
        zone=zone,
        rules=rules,
        windows=windows,
        busy=busy,
        now=now,
        first_day=first_day,
        last_day=last_day,
        closed_dates=closed_dates(session, first_day, last_day),
    )


def _date_range(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """Defaults (today, first + 6 days) and the range rules; ValidationFailed otherwise."""
    first = first or today
    last = last or first + timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if last < first:
        raise ValidationFailed({"to": "must not be before from"})
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ValidationFailed({"to": f"the range may cover at most {MAX_RANGE_DAYS} days"})
    return first, last


def doctor_slots(
    viewer: User | None,
    doctor_id: int,
    first: date | None,
    last: date | None,
    visit_type_id: int | None = None,
) -> list[Slot]:
    """Free slots of one visit type (default: the doctor's default type) of a listable
    doctor, for `viewer` (None: a guest; booked time is simply absent), for the local dates
    [first, last] (default: the doctor's today and the 6 days after); at most 62 days. Three
    indexed queries: the doctor with the type and their entries (one row per entry), their
    appointments in the range, the clinic closures in it. A type patients cannot see
    (retired, another doctor's, `staff_only` for a patient or a guest) → `InvalidVisitType`.

    Answers go through the read cache (`core.cache`) unless the viewer is the doctor
    themself (who also sees their own pending profile): see `_cached_slots`."""
    patient_view = viewer is None or viewer.role == Role.PATIENT.value
    with transaction(write=False) as session:
        if not cache.enabled() or (viewer is not None and viewer.id == doctor_id):
            return _compute_slots(session, viewer, doctor_id, (first, last), visit_type_id)[-1]
        current = cache.versions(session, [doctor_id])
        key = (
            f"slots:{doctor_id}:{current[doctor_id]}:{current[cache.DIRECTORY]}:"
            f"{visit_type_id}:{patient_view}:{first}:{last}"
        )
        now = utcnow()
        hit = _from_cache(cache.get(key), (first, last), now)
        if hit is not None:
            return hit
        zone, rules, dates, slots = _compute_slots(
            session, viewer, doctor_id, (first, last), visit_type_id, now
        )
        latest = rules.latest_start(now)
        if latest is None or latest >= _day_end(zone, dates[1]):
            cache.put(key, (zone.key, rules, dates, slots))
        return slots


def _from_cache(
    entry: Any, asked: tuple[date | None, date | None], now: datetime
) -> list[Slot] | None:
    """The slots a cached `_compute_slots` answer gives at `now`, or None (a miss).

    Kept only when the type's horizon reached past the range (so time passing adds no
    slot); time passing only removes slots starting before the notice, filtered here. The
    default range (the doctor's today on) is checked against the one cached."""
    if entry is None:
        return None
    timezone, rules, dates, slots = entry
    if _date_range(*asked, local_date(ZoneInfo(timezone), now)) != dates:
        return None
    earliest = rules.earliest_start(now)
    return [slot for slot in slots if slot.start >= earliest]


def _compute_slots(
    session: Session,
    viewer: User | None,
    doctor_id: int,
    asked: tuple[date | None, date | None],
    visit_type_id: int | None,
    now: datetime | None = None,
) -> tuple[ZoneInfo, SlotRules, tuple[date, date], list[Slot]]:
    """`doctor_slots` uncached, with the zone, rules and dates it used."""
    rows = session.execute(
        select(User.timezone, VisitType.bookable_by, *VISIT_RULE_COLUMNS, *WINDOW_COLUMNS)
        .select_from(User)
        .outerjoin(VisitType, bookable_type(User.id, visit_type_id))
        .outerjoin(ScheduleEntry, ScheduleEntry.doctor_id == User.id)
        .where(User.id == doctor_id, visible_to(viewer))
    ).all()
    if not rows:
        raise NotFound()
    timezone, bookable_by, *rest = rows[0]
    if bookable_by is None:
        raise invalid_type()
    patient_view = viewer is None or viewer.role == Role.PATIENT.value
    if patient_view and bookable_by == "staff_only":
        raise InvalidVisitType({"visitType": "not offered online"})
    rules = SlotRules._make(rest[: len(VISIT_RULE_COLUMNS)])
    start = 2 + len(VISIT_RULE_COLUMNS)
    windows = [Window._make(row[start:]) for row in rows if row[start] is not None]
    zone = ZoneInfo(timezone or "UTC")
    now = now or utcnow()
    dates = _date_range(*asked, local_date(zone, now))
    slots = list(_free_slots(session, doctor_id, zone, windows, rules, now, dates))
    return zone, rules, dates, slots


def earliest_slots(
    specialization: Choice | None,
    first: date | None,
    last: date | None,
    limit: int,
    visit_type_name: str | None = None,
) -> list[tuple[int, int, Slot]]:
    """The `limit` earliest free slots across listable doctors, as (doctor id, visit type
    id, slot): of each doctor's default visit type, or with `visit_type_name` of the
    doctor's active, online-bookable type of that name (compared as `name_key`; doctors
    without one are left out), each with that type's length, grid, buffers and notice.

    Dates are read on each doctor's own clock (default: each doctor's today and the 6 days
    after). In one transaction: one query for the doctors with their entries, one for the
    clinic closures of the range, then one for their appointments in the first two days; the
    whole range is read only when those days fall short.
    """
    now = utcnow()
    requested_first = first
    first, last = _date_range(first, last, now.date())
    conditions: list[ColumnExpressionArgument[bool]] = [User.is_active_doctor]
    if specialization is not None:
        conditions.append(doctors_having(specialization))
    if visit_type_name is None:
        type_match: ColumnExpressionArgument[bool] = VisitType.is_default.is_(True)
    else:
        type_match = (
            (VisitType.name_key == name_key(visit_type_name))
            & VisitType.active
            & (VisitType.bookable_by != "staff_only")
        )
    with transaction(write=False) as session:
        rows = session.execute(
            select(User.id, User.timezone, VisitType.id, *VISIT_RULE_COLUMNS, *WINDOW_COLUMNS)
            .join(ScheduleEntry, ScheduleEntry.doctor_id == User.id)
            .join(VisitType, (VisitType.doctor_id == User.id) & type_match)
            .where(*conditions)
        ).all()
        # Each doctor's days start at their own today, up to a day either side of UTC's.
        closed = closed_dates(session, first - timedelta(days=1), last) if rows else frozenset()
        return _earliest(session, rows, now, (requested_first, first, last), limit, closed)


def _earliest(
    session: Session,
    rows: Sequence[Sequence[Any]],
    now: datetime,
    dates: tuple[date | None, date, date],
    limit: int,
    closed: frozenset[date],
) -> list[tuple[int, int, Slot]]:
    """`earliest_slots` from the doctors' rows (id, zone, type id, rules, window), reading
    their appointments in the first two days, then the whole range when those fall short."""
    requested_first, first, last = dates
    doctors: dict[int, tuple[ZoneInfo, int, SlotRules]] = {}
    windows: dict[int, list[Window]] = defaultdict(list)
    rule_count = len(VISIT_RULE_COLUMNS)
    for doctor_id, timezone, type_id, *rest in rows:
        if doctor_id not in doctors:
            rules = SlotRules._make(rest[:rule_count])
            doctors[doctor_id] = (ZoneInfo(timezone), type_id, rules)
        windows[doctor_id].append(Window._make(rest[rule_count:]))  # the columns above

    def earliest_until(horizon: date) -> list[tuple[int, int, Slot]]:
        """The earliest slots on each doctor's days up to `horizon`, exact before the cutoff."""
        # A local date runs from UTC-14 h to UTC+12 h of the same UTC date's bounds.
        busy = blocked_intervals(
            session,
            list(doctors),
            max(now, datetime.combine(first, time(), UTC) - LATEST_UTC_OFFSET),
            datetime.combine(horizon + timedelta(days=1), time(), UTC) + EARLIEST_UTC_OFFSET,
        )

        def per_doctor(doctor_id: int) -> Iterator[tuple[datetime, int, int, Slot]]:
            zone, type_id, rules = doctors[doctor_id]
            for slot in iter_type_slots(
                zone=zone,
                rules=rules,
                windows=windows[doctor_id],
                busy=busy.get(doctor_id, []),
                now=now,
                first_day=requested_first or local_date(zone, now),
                last_day=horizon,
                closed_dates=closed,
            ):
                yield slot.start, doctor_id, type_id, slot

        merged = heapq.merge(*(per_doctor(doctor_id) for doctor_id in sorted(doctors)))
        if horizon >= last:
            return [(d, t, slot) for _, d, t, slot in itertools.islice(merged, limit)]
        # A day after the horizon starts, somewhere (UTC+14), at this instant: slots before
        # it are complete; later ones may miss a slot of a day not yet looked at.
        cutoff = datetime.combine(horizon + timedelta(days=1), time(), UTC) - LATEST_UTC_OFFSET
        found = itertools.takewhile(lambda item: item[0] < cutoff, merged)
        return [(d, t, slot) for _, d, t, slot in itertools.islice(found, limit)]

    if not doctors:
        return []
    # Most searches are answered by the first two days; read further only when they fall short.
    first_pass = earliest_until(min(last, first + timedelta(days=1)))
    if len(first_pass) == limit or first + timedelta(days=1) >= last:
        return first_pass
    return earliest_until(last)
