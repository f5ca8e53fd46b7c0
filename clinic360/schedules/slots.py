"""The free-slot engine: pure functions of a doctor's schedule. No database, no clock.

Everything the computation depends on is an argument: the doctor's IANA zone, the slot
length, the schedule windows, the busy intervals (appointments), `now`, and a range of local
dates. The result is a list of UTC slots in ascending order.

Rules (docs/API.md "Doctors and schedules"):

- For one local date, the *open* windows are the weekly open windows of that weekday plus
  the open windows dated that date; open windows that overlap are merged into one.
- A dated entry may cover a range of dates (`date` … `end_date`): its window then applies on
  each date of the range, read on that date's clock, exactly as one entry per date would.
- The *closed* windows of that date are the weekly closed windows of that weekday, except
  where a dated open window reopens them, plus every closed window dated that date. So a
  dated entry overrides the weekly pattern on its date, and "closed" wins over "open" at the
  same level (weekly or dated).
- Each open window is cut into `slot_minutes` pieces starting every `grid_minutes`
  (default: back to back) from the window's start; a piece is free when it lies before the
  window's end, touches no closed window, its blocked range (the piece widened by the
  visit type's buffers) touches no busy interval (other visits' blocked ranges), and it
  starts between `now` and `latest_start` (a visit type's minimum notice and horizon:
  `iter_type_slots`).
- A local date in `closed_dates` (a clinic closure, e.g. a public holiday) has no slots at
  all, whatever the windows say: closures are passed in as data, like time off.

Wall-clock times and daylight saving are `wallclock`'s (windows of a date become UTC
intervals there: spring gap, autumn repeat). Slots are cut in real time from the window's
start, so every slot lasts exactly `slot_minutes`, even when a change falls inside a window.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from clinic360.schedules.wallclock import (
    MINUTES_PER_DAY,
    Interval,
    Schedule,
    Window,
    covers,
    day_of_week,
    days,
    local_date,
    wall_to_utc,
)

__all__ = [
    "MINUTES_PER_DAY",
    "Interval",
    "Schedule",
    "Slot",
    "SlotRules",
    "Window",
    "covers",
    "day_of_week",
    "free_slots",
    "iter_free_slots",
    "iter_type_slots",
    "local_date",
    "nearest",
    "wall_to_utc",
]


class Slot(NamedTuple):
    """A free slot [start, end) in UTC (ordered by start, then end; hashable). A named
    tuple: a 62-day search makes ~1,000 of them per request, a frozen dataclass costs
    several times more to build."""

    start: datetime
    end: datetime


class _Blocked:
    """Sorted disjoint intervals with a fast "does [start, end) touch any of them?"."""

    def __init__(self, intervals: Iterable[Interval]) -> None:
        merged: list[Interval] = []
        for start, end in sorted(i for i in intervals if i[0] < i[1]):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def overlaps(self, start: datetime, end: datetime) -> bool:
        index = bisect_right(self.ends, start)  # first interval ending after `start`
        return index < len(self.starts) and self.starts[index] < end


def iter_free_slots(
    *,
    zone: ZoneInfo,
    slot_minutes: int,
    windows: Iterable[Window] | Schedule,
    busy: Iterable[Interval],
    now: datetime,
    first_day: date,
    last_day: date,
    grid_minutes: int | None = None,
    buffer_before_minutes: int = 0,
    buffer_after_minutes: int = 0,
    latest_start: datetime | None = None,
    closed_dates: Collection[date] = (),
) -> Iterator[Slot]:
    """Free slots of the local dates [first_day, last_day], ascending, computed lazily.

    A slot lasts `slot_minutes` and starts every `grid_minutes` (default: `slot_minutes`)
    from its window's start. `busy` are UTC intervals in any order: the *blocked ranges* of
    booked appointments (their buffers included). A slot is free when the visit itself
    touches no closed window, its own blocked range `[start − buffer_before, end +
    buffer_after)` touches no busy interval, and it starts in `[now, latest_start]`.
    Buffers may reach outside open hours: they only keep other visits away. No slot lies
    on a local date in `closed_dates` (clinic closures: whole days on the doctor's clock).
    """
    if slot_minutes <= 0 or (grid_minutes is not None and grid_minutes <= 0):
        raise ValueError("slot_minutes and grid_minutes must be positive")
    if buffer_before_minutes < 0 or buffer_after_minutes < 0:
        raise ValueError("buffers cannot be negative")
    schedule = windows if isinstance(windows, Schedule) else Schedule(zone, windows)
    length = timedelta(minutes=slot_minutes)
    step = timedelta(minutes=grid_minutes or slot_minutes)
    before = timedelta(minutes=buffer_before_minutes)
    after = timedelta(minutes=buffer_after_minutes)
    booked = _Blocked(busy)
    booked_starts, booked_ends = booked.starts, booked.ends
    booked_count = len(booked_starts)
    for day in days(first_day, last_day):
        if wall_to_utc(zone, day, MINUTES_PER_DAY) <= now:
            continue  # the whole day is in the past
        if latest_start is not None and wall_to_utc(zone, day, 0) > latest_start:
            return  # this day and every later one start after the last allowed start
        if day in closed_dates:
            continue  # the clinic is closed all day
        opened, closed_minutes = schedule.minutes(day)
        closed = _Blocked(schedule.real(day, closed_minutes)) if closed_minutes else None
        for window_start, window_end in schedule.real(day, opened):
            # The grid runs from the window's start; the first start at or after `now`:
            start = (
                window_start
                if window_start >= now
                else window_start - (window_start - now) // step * step
            )
            last = window_end - length  # the last start that still ends inside the window
            if latest_start is not None and latest_start < last:
                last = latest_start
            # Slots come in time order: the first booked interval ending after the slot's
            # blocked range starts only moves forward (what `_Blocked.overlaps` bisects for).
            index = bisect_right(booked_ends, start - before)
            while start <= last:
                end = start + length
                blocked_start = start - before
                while index < booked_count and booked_ends[index] <= blocked_start:
                    index += 1
                if (index == booked_count or booked_starts[index] >= end + after) and (
                    closed is None or not closed.overlaps(start, end)
                ):
                    yield Slot(start, end)
                start += step


class SlotRules(NamedTuple):
    """What a visit type asks of its slots (`schedules.models.VisitType`, or a row of its
    columns): length, grid, buffers, minimum notice and booking horizon."""

    duration_minutes: int
    slot_grid_minutes: int
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    min_notice_minutes: int = 0
    horizon_days: int | None = None

    @classmethod
    def of(cls, visit_type: Any) -> SlotRules:
        return cls(
            visit_type.duration_minutes,
            visit_type.slot_grid_minutes,
            visit_type.buffer_before_minutes,
            visit_type.buffer_after_minutes,
            visit_type.min_notice_minutes,
            visit_type.horizon_days,
        )

    def earliest_start(self, now: datetime) -> datetime:
        """The first instant a slot may start at, seen at `now` (minimum notice)."""
        return now + timedelta(minutes=self.min_notice_minutes)

    def latest_start(self, now: datetime) -> datetime | None:
        """The last instant a slot may start at, seen at `now` (booking horizon)."""
        return None if self.horizon_days is None else now + timedelta(days=self.horizon_days)

    def blocked(self, start: datetime, end: datetime) -> Interval:
        """The range a visit [start, end) of this type keeps other visits out of."""
        return (
            start - timedelta(minutes=self.buffer_before_minutes),
            end + timedelta(minutes=self.buffer_after_minutes),
        )


def iter_type_slots(
    *,
    zone: ZoneInfo,
    rules: SlotRules,
    windows: Iterable[Window] | Schedule,
    busy: Iterable[Interval],
    now: datetime,
    first_day: date,
    last_day: date,
    notice: bool = True,
    closed_dates: Collection[date] = (),
) -> Iterator[Slot]:
    """Free slots of one visit type (`iter_free_slots` with the type's length, grid and
    buffers), starting no earlier than its minimum notice and no later than its horizon
    from `now`; `notice=False` drops those two bounds (slots are then only not past)."""
    return iter_free_slots(
        zone=zone,
        slot_minutes=rules.duration_minutes,
        windows=windows,
        busy=busy,
        now=rules.earliest_start(now) if notice else now,
        first_day=first_day,
        last_day=last_day,
        grid_minutes=rules.slot_grid_minutes,
        buffer_before_minutes=rules.buffer_before_minutes,
        buffer_after_minutes=rules.buffer_after_minutes,
        latest_start=rules.latest_start(now) if notice else None,
        closed_dates=closed_dates,
    )


def free_slots(
    *,
    zone: ZoneInfo,
    slot_minutes: int,
    windows: Iterable[Window] | Schedule,
    busy: Iterable[Interval],
    now: datetime,
    first_day: date,
    last_day: date,
    grid_minutes: int | None = None,
    buffer_before_minutes: int = 0,
    buffer_after_minutes: int = 0,
    latest_start: datetime | None = None,
    closed_dates: Collection[date] = (),
) -> list[Slot]:
    """Every free slot of the local dates [first_day, last_day], ascending (see module doc)."""
    return list(
        iter_free_slots(
            zone=zone,
            slot_minutes=slot_minutes,
            windows=windows,
            busy=busy,
            now=now,
            first_day=first_day,
            last_day=last_day,
            grid_minutes=grid_minutes,
            buffer_before_minutes=buffer_before_minutes,
            buffer_after_minutes=buffer_after_minutes,
            latest_start=latest_start,
            closed_dates=closed_dates,
        )
    )


def nearest(slots: Iterable[Slot], around: datetime, limit: int) -> list[Slot]:
    """The `limit` slots whose start is nearest to `around` (ties: earlier), ascending."""
    chosen = heapq.nsmallest(limit, slots, key=lambda s: (abs(s.start - around), s.start))
    return sorted(chosen)
