"""A doctor's schedule windows on their wall clock, as UTC intervals. Pure functions.

Which windows apply to a local date (weekly and dated, open and closed) is
`Schedule.minutes`; the rules are in `slots`' module docstring.

Wall-clock times and daylight saving (see `wall_to_utc`):

- A window is the real-time interval between its start and its end read on the doctor's
  clock on that date, so a 09:00 window is at 09:00 local on both sides of a change.
- **Spring gap**: a wall time that does not exist (the clock jumps from 02:00 to 03:00) is
  read as the moment of the jump. The skipped part of a window therefore has no slots: on
  the Berlin spring night a 01:00–04:00 window is two real hours (01:00–02:00 CET and
  03:00–04:00 CEST); a window entirely inside the gap is empty.
- **Autumn repeat**: a wall time that occurs twice is read as its first occurrence
  (`fold=0`). A window spanning the repeated hour covers all the real time between its
  ends, so 01:00–04:00 on the Berlin autumn night is four real hours, the repeated hour
  included; a window ending inside the repeated hour ends at the first pass through it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

Interval = tuple[datetime, datetime]
MinuteWindow = tuple[int, int]

MINUTES_PER_DAY = 24 * 60


class Window(NamedTuple):
    """A schedule entry as the engine sees it: [start_minute, end_minute) on the wall clock.

    Exactly one of `day_of_week` (0 = Sunday … 6 = Saturday) and `date` is set. A dated
    window applies on every date from `date` to `end_date` (both included; None: `date`
    only). A named tuple: slot searches across doctors build thousands of them per request.
    """

    start_minute: int
    end_minute: int
    is_available: bool
    day_of_week: int | None = None
    date: date | None = None
    end_date: dt.date | None = None  # `date` above shadows the type here

    @classmethod
    def of(cls, entry: Any) -> Window:
        """The window of a schedule entry, or of a row with the same column names."""
        return cls(*(getattr(entry, name) for name in cls._fields))


def day_of_week(day: date) -> int:
    """0 = Sunday … 6 = Saturday (the API's numbering; Python's Monday is 0)."""
    return (day.weekday() + 1) % 7


def wall_to_utc(zone: ZoneInfo, day: date, minute: int) -> datetime:
    """The UTC instant of `minute` minutes after local midnight of `day` on the zone's clock.

    Nonexistent wall times (spring gap) resolve to the instant the clock jumps; repeated
    wall times (autumn) resolve to their first occurrence. Minute 1440 is the next
    day's midnight. The result is monotone in `minute` for a fixed day.
    """
    naive = datetime.combine(day, time()) + timedelta(minutes=minute)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first
    # In a gap: fold=0 reads it with the offset before the jump (an instant after the jump),
    # fold=1 with the offset after it (an instant before the jump). Find the jump in between.
    low = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = first
    after = high.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(zone).utcoffset() == after:
            high = middle
        else:
            low = middle
    return high


def _merge(windows: Iterable[MinuteWindow], *, touching: bool) -> list[MinuteWindow]:
    """Sorted union of windows; `touching` also joins windows that meet end to start."""
    merged: list[MinuteWindow] = []
    for start, end in sorted(windows):
        if merged and (start < merged[-1][1] or (touching and start == merged[-1][1])):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(windows: Sequence[MinuteWindow], holes: Sequence[MinuteWindow]) -> list[MinuteWindow]:
    """`windows` minus `holes` (both in minutes of one day)."""
    result: list[MinuteWindow] = []
    for start, end in windows:
        pieces = [(start, end)]
        for hole_start, hole_end in holes:
            next_pieces: list[MinuteWindow] = []
            for a, b in pieces:
                if hole_end <= a or hole_start >= b:
                    next_pieces.append((a, b))
                    continue
                if a < hole_start:
                    next_pieces.append((a, hole_start))
                if hole_end < b:
                    next_pieces.append((hole_end, b))
            pieces = next_pieces
        result.extend(pieces)
    return sorted(result)


class Schedule:
    """A doctor's windows indexed by weekday and date, on the doctor's clock."""

    def __init__(self, zone: ZoneInfo, windows: Iterable[Window]) -> None:
        self.zone = zone
        self._weekly: dict[int, list[Window]] = defaultdict(list)
        self._dated: dict[date, list[Window]] = defaultdict(list)
        self._ranges: list[tuple[date, date, Window]] = []  # over several dates: a few a doctor
        for window in windows:
            if window.date is not None and (window.end_date or window.date) > window.date:
                self._ranges.append((window.date, window.end_date or window.date, window))
            elif window.date is not None:
                self._dated[window.date].append(window)
            elif window.day_of_week is not None:
                self._weekly[window.day_of_week].append(window)

    def dated(self, day: date) -> list[Window]:
        """The dated windows that apply on `day` (single-date ones and ranges covering it)."""
        covering = [window for first, last, window in self._ranges if first <= day <= last]
        return self._dated.get(day, []) + covering if covering else self._dated.get(day, [])

    def minutes(self, day: date) -> tuple[list[MinuteWindow], list[MinuteWindow]]:
        """(open windows merged where they overlap, closed windows) of one local date."""
        weekly = self._weekly.get(day_of_week(day), [])
        dated = self.dated(day)
        dated_open = [(w.start_minute, w.end_minute) for w in dated if w.is_available]
        opened = _merge(
            [(w.start_minute, w.end_minute) for w in weekly if w.is_available] + dated_open,
            touching=False,
        )
        weekly_closed = _merge(
            [(w.start_minute, w.end_minute) for w in weekly if not w.is_available], touching=True
        )
        closed = _merge(
            _subtract(weekly_closed, dated_open)
            + [(w.start_minute, w.end_minute) for w in dated if not w.is_available],
            touching=True,
        )
        return opened, closed

    def real(self, day: date, windows: Iterable[MinuteWindow]) -> list[Interval]:
        """Windows of `day` as UTC intervals (empty ones, e.g. inside a gap, dropped)."""
        result = []
        for start, end in windows:
            interval = (wall_to_utc(self.zone, day, start), wall_to_utc(self.zone, day, end))
            if interval[0] < interval[1]:
                result.append(interval)
        return result

    def open_time(self, first_day: date, last_day: date) -> list[Interval]:
        """Open minus closed time of the local dates [first_day, last_day], merged, in UTC."""
        intervals: list[Interval] = []
        for day in days(first_day, last_day):
            opened, closed = self.minutes(day)
            free = _merge(_subtract(_merge(opened, touching=True), closed), touching=True)
            intervals.extend(self.real(day, free))
        merged: list[Interval] = []
        for start, end in intervals:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def days(first_day: date, last_day: date) -> Iterator[date]:
    day = first_day
    while day <= last_day:
        yield day
        day += timedelta(days=1)


def covers(intervals: Sequence[Interval], start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside one of the merged, sorted `intervals`."""
    index = bisect_right([s for s, _ in intervals], start) - 1
    return index >= 0 and intervals[index][0] <= start and end <= intervals[index][1]


def local_date(zone: ZoneInfo, instant: datetime) -> date:
    """The date on the doctor's clock at `instant`."""
    return instant.astimezone(zone).date()
