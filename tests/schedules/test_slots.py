"""The pure slot engine: exact examples, daylight saving, and properties (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic360.schedules.slots import (
    Interval,
    Schedule,
    Slot,
    Window,
    covers,
    day_of_week,
    free_slots,
    nearest,
    wall_to_utc,
)

BERLIN = ZoneInfo("Europe/Berlin")
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def weekly(day: date, start: str, end: str, available: bool = True) -> Window:
    return Window(_minutes(start), _minutes(end), available, day_of_week=day_of_week(day))


def dated(day: date, start: str, end: str, available: bool = True) -> Window:
    return Window(_minutes(start), _minutes(end), available, date=day)


def _minutes(text: str) -> int:
    return int(text[:2]) * 60 + int(text[3:])


def slots_of(
    windows: list[Window],
    day: date,
    *,
    zone: ZoneInfo = BERLIN,
    minutes: int = 30,
    busy: list[Interval] | None = None,
    now: datetime = LONG_AGO,
    last_day: date | None = None,
) -> list[Slot]:
    return free_slots(
        zone=zone,
        slot_minutes=minutes,
        windows=windows,
        busy=busy or [],
        now=now,
        first_day=day,
        last_day=last_day or day,
    )


def local_times(slots: list[Slot], zone: ZoneInfo = BERLIN) -> list[str]:
    return [s.start.astimezone(zone).strftime("%H:%M%z") for s in slots]


# ------------------------------------------------------------------------- examples

MONDAY = date(2026, 12, 7)


def test_day_of_week_numbers_sunday_as_zero() -> None:
    assert day_of_week(date(2026, 12, 6)) == 0  # a Sunday
    assert day_of_week(date(2026, 12, 12)) == 6  # a Saturday


def test_window_cut_into_aligned_slots_in_utc() -> None:
    slots = slots_of([weekly(MONDAY, "09:15", "11:00")], MONDAY, minutes=30)
    assert [(s.start, s.end) for s in slots] == [
        (utc(2026, 12, 7, 8, 15), utc(2026, 12, 7, 8, 45)),
        (utc(2026, 12, 7, 8, 45), utc(2026, 12, 7, 9, 15)),
        (utc(2026, 12, 7, 9, 15), utc(2026, 12, 7, 9, 45)),
    ]  # 10:45–11:00 is too short for a slot


def test_several_windows_a_day_and_other_weekdays_closed() -> None:
    windows = [weekly(MONDAY, "09:00", "10:00"), weekly(MONDAY, "14:00", "15:00")]
    assert local_times(slots_of(windows, MONDAY, last_day=MONDAY + timedelta(days=1))) == [
        "09:00+0100",
        "09:30+0100",
        "14:00+0100",
        "14:30+0100",
    ]


def test_weekly_closed_window_removes_slots_every_week() -> None:
    windows = [weekly(MONDAY, "09:00", "13:00"), weekly(MONDAY, "10:00", "11:15", False)]
    slots = slots_of(windows, MONDAY, minutes=60, last_day=MONDAY + timedelta(days=7))
    assert local_times(slots) == ["09:00+0100", "12:00+0100"] * 2


def test_dated_closed_is_time_off_on_that_date_only() -> None:
    windows = [weekly(MONDAY, "09:00", "11:00"), dated(MONDAY, "00:00", "10:00", False)]
    slots = slots_of(windows, MONDAY, minutes=60, last_day=MONDAY + timedelta(days=7))
    assert [s.start.astimezone(BERLIN).strftime("%d %H:%M") for s in slots] == [
        "07 10:00",
        "14 09:00",
        "14 10:00",
    ]


def test_whole_day_off_until_midnight() -> None:
    windows = [weekly(MONDAY, "09:00", "17:00"), Window(0, 1440, False, date=MONDAY)]
    assert slots_of(windows, MONDAY) == []


def test_dated_open_adds_extra_hours_and_reopens_weekly_closed_time() -> None:
    windows = [
        weekly(MONDAY, "09:00", "13:00"),
        weekly(MONDAY, "12:00", "13:00", False),  # lunch, every week
        dated(MONDAY, "12:00", "13:00"),  # …but open at lunch that Monday
        dated(MONDAY, "18:00", "19:00"),  # and extra evening hours
    ]
    slots = slots_of(windows, MONDAY, minutes=60)
    assert local_times(slots) == [f"{h}:00+0100" for h in ("09", "10", "11", "12", "18")]


def test_overlapping_open_windows_merge_and_align_to_the_first_start() -> None:
    windows = [weekly(MONDAY, "09:00", "10:00"), dated(MONDAY, "09:30", "11:00")]
    assert local_times(slots_of(windows, MONDAY, minutes=60)) == ["09:00+0100", "10:00+0100"]


def test_busy_intervals_and_the_past_are_removed() -> None:
    windows = [weekly(MONDAY, "09:00", "12:00")]
    busy = [(utc(2026, 12, 7, 9, 10), utc(2026, 12, 7, 9, 20))]  # 10:10–10:20 Berlin
    now = utc(2026, 12, 7, 8, 0, 1)  # just after 09:00 Berlin
    slots = slots_of(windows, MONDAY, busy=busy, now=now)
    assert local_times(slots) == ["09:30+0100", "10:30+0100", "11:00+0100", "11:30+0100"]


def test_slot_starting_exactly_now_is_free() -> None:
    slots = slots_of([weekly(MONDAY, "09:00", "10:00")], MONDAY, now=utc(2026, 12, 7, 8, 30))
    assert local_times(slots) == ["09:30+0100"]


def test_nine_oclock_stays_nine_oclock_across_a_change() -> None:
    before, after = date(2026, 3, 28), date(2026, 3, 30)
    windows = [weekly(d, "09:00", "09:30") for d in (before, after)]
    slots = slots_of(windows, before, last_day=after)
    assert [s.start for s in slots] == [utc(2026, 3, 28, 8), utc(2026, 3, 30, 7)]


def test_spring_gap_has_no_slots_and_window_ends_at_the_jump() -> None:
    sunday = date(2026, 3, 29)  # Berlin: 02:00 CET → 03:00 CEST
    slots = slots_of([weekly(sunday, "01:00", "04:00")], sunday)
    assert local_times(slots) == ["01:00+0100", "01:30+0100", "03:00+0200", "03:30+0200"]
    assert slots_of([weekly(sunday, "02:00", "02:45")], sunday) == []
    assert wall_to_utc(BERLIN, sunday, 150) == utc(2026, 3, 29, 1)  # 02:30 → the jump


def test_time_off_inside_the_spring_gap_closes_nothing() -> None:
    """02:10–02:40 never happens on that date: the slots around the jump stay free."""
    sunday = date(2026, 3, 29)
    windows = [weekly(sunday, "01:00", "04:00"), dated(sunday, "02:10", "02:40", False)]
    slots = slots_of(windows, sunday)
    assert local_times(slots) == ["01:00+0100", "01:30+0100", "03:00+0200", "03:30+0200"]


def test_autumn_repeat_reads_first_occurrence_and_keeps_real_time() -> None:
    sunday = date(2026, 10, 25)  # Berlin: 03:00 CEST → 02:00 CET
    slots = slots_of([weekly(sunday, "01:00", "04:00")], sunday, minutes=60)
    assert local_times(slots) == ["01:00+0200", "02:00+0200", "02:00+0100", "03:00+0100"]
    # A window ending inside the repeated hour ends at its first pass.
    assert local_times(slots_of([weekly(sunday, "01:00", "02:30")], sunday)) == [
        "01:00+0200",
        "01:30+0200",
        "02:00+0200",
    ]
    assert all(s.end - s.start == timedelta(minutes=60) for s in slots)


def test_lord_howe_half_hour_change_and_kathmandu_quarter_offset() -> None:
    lord_howe = ZoneInfo("Australia/Lord_Howe")
    day = date(2026, 10, 4)  # 02:00 +10:30 → 02:30 +11:00
    slots = slots_of([weekly(day, "01:30", "03:30")], day, zone=lord_howe, minutes=30)
    assert local_times(slots, lord_howe) == ["01:30+1030", "02:30+1100", "03:00+1100"]
    kathmandu = ZoneInfo("Asia/Kathmandu")
    slots = slots_of([weekly(MONDAY, "09:00", "09:30")], MONDAY, zone=kathmandu)
    assert [s.start for s in slots] == [utc(2026, 12, 7, 3, 15)]


def test_open_time_and_covers() -> None:
    windows = [
        weekly(MONDAY, "09:00", "12:00"),
        weekly(MONDAY, "12:00", "15:00"),
        weekly(MONDAY, "13:00", "14:00", False),
    ]
    open_time = Schedule(BERLIN, windows).open_time(MONDAY, MONDAY)
    assert open_time == [
        (utc(2026, 12, 7, 8), utc(2026, 12, 7, 12)),
        (utc(2026, 12, 7, 13), utc(2026, 12, 7, 14)),
    ]
    assert covers(open_time, utc(2026, 12, 7, 10, 30), utc(2026, 12, 7, 11, 30))
    assert not covers(open_time, utc(2026, 12, 7, 11, 30), utc(2026, 12, 7, 12, 30))
    assert not covers(open_time, utc(2026, 12, 7, 7, 30), utc(2026, 12, 7, 8, 30))


def test_nearest_picks_closest_starts_sorted() -> None:
    slots = slots_of([weekly(MONDAY, "09:00", "12:00")], MONDAY)
    chosen = nearest(slots, utc(2026, 12, 7, 9, 40), 3)
    assert local_times(chosen) == ["10:00+0100", "10:30+0100", "11:00+0100"]


# ------------------------------------------------------------------------ properties


@cache
def transition_days(zone_name: str) -> list[date]:
    """Local dates (2025–2027) on which the zone's offset changes; Kathmandu's 1986 change."""
    zone = ZoneInfo(zone_name)
    days = [date(1986, 1, 1)] if zone_name == "Asia/Kathmandu" else []
    day = date(2025, 1, 1)
    while day < date(2028, 1, 1):
        if wall_to_utc(zone, day, 1440) - wall_to_utc(zone, day, 0) != timedelta(days=1):
            days.append(day)
        day += timedelta(days=1)
    return days or [date(2026, 3, 29), date(2026, 10, 25), date(2026, 12, 31)]


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, object]:
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    anchor = draw(st.sampled_from(transition_days(zone_name)))
    first_day = anchor - timedelta(days=draw(st.integers(0, 2)))
    last_day = first_day + timedelta(days=draw(st.integers(0, 4)))
    days = [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    minute = st.integers(0, 1440)
    windows = []
    for _ in range(draw(st.integers(1, 7))):
        a, b = sorted(draw(st.tuples(minute, minute)))
        if a == b:
            continue
        available = draw(st.booleans()) if windows else True
        if draw(st.booleans()):
            windows.append(Window(a, b, available, date=draw(st.sampled_from(days))))
        else:
            windows.append(
                Window(a, b, available, day_of_week=day_of_week(draw(st.sampled_from(days))))
            )
    span_start = wall_to_utc(zone, first_day, 0)
    span = int((wall_to_utc(zone, last_day, 1440) - span_start).total_seconds() // 60)
    busy = []
    for _ in range(draw(st.integers(0, 4))):
        offset = draw(st.integers(0, span))
        busy.append(
            (
                span_start + timedelta(minutes=offset),
                span_start + timedelta(minutes=offset + draw(st.integers(1, 240))),
            )
        )
    now = span_start + timedelta(minutes=draw(st.integers(-60, span)))
    return {
        "zone": zone,
        "slot_minutes": draw(st.sampled_from([5, 10, 15, 20, 25, 30, 45, 60, 90, 240])),
        "windows": windows,
        "busy": busy,
        "now": now,
        "first_day": first_day,
        "last_day": last_day,
    }


def _union_covers(intervals: list[Interval], start: datetime, end: datetime) -> bool:
    cursor = start
    for a, b in sorted(intervals):
        if a <= cursor < b:
            cursor = b
        if cursor >= end:
            return True
    return cursor >= end


def _real(zone: ZoneInfo, day: date, windows: list[Window]) -> list[Interval]:
    """The windows as UTC intervals; one wholly inside a spring gap covers no time at all."""
    intervals = [
        (wall_to_utc(zone, day, w.start_minute), wall_to_utc(zone, day, w.end_minute))
        for w in windows
    ]
    return [(a, b) for a, b in intervals if a < b]


def _rules(s: dict[str, object], day: date) -> tuple[list[Window], list[Window], list[Window]]:
    """(open, weekly closed, dated closed) windows that apply to `day`."""
    windows: list[Window] = s["windows"]  # type: ignore[assignment]
    applies = [w for w in windows if w.date == day or w.day_of_week == day_of_week(day)]
    opened = [w for w in applies if w.is_available]
    weekly_closed = [w for w in applies if not w.is_available and w.date is None]
    dated_closed = [w for w in applies if not w.is_available and w.date is not None]
    return opened, weekly_closed, dated_closed


PROPERTY = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


@PROPERTY
@given(scenarios())
def test_slots_are_sorted_disjoint_right_length_and_not_past(s: dict[str, object]) -> None:
    slots = free_slots(**s)  # type: ignore[arg-type]
    length = timedelta(minutes=s["slot_minutes"])  # type: ignore[arg-type]
    for slot in slots:
        assert slot.end - slot.start == length
        assert slot.start >= s["now"]  # type: ignore[operator]
    for earlier, later in itertools.pairwise(slots):
        assert earlier.end <= later.start


@PROPERTY
@given(scenarios())
def test_slots_lie_in_open_time_never_in_closed_time_or_busy(s: dict[str, object]) -> None:
    zone: ZoneInfo = s["zone"]  # type: ignore[assignment]
    slots = free_slots(**s)  # type: ignore[arg-type]
    busy: list[Interval] = s["busy"]  # type: ignore[assignment]
    first_day: date = s["first_day"]  # type: ignore[assignment]
    last_day: date = s["last_day"]  # type: ignore[assignment]
    days = [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    for slot in slots:
        assert not any(a < slot.end and slot.start < b for a, b in busy)
        inside_some_day = False
        for day in days:
            opened, weekly_closed, dated_closed = _rules(s, day)
            if _union_covers(_real(zone, day, opened), slot.start, slot.end):
                inside_some_day = True
            for a, b in _real(zone, day, dated_closed):
                assert not (a < slot.end and slot.start < b), "inside dated time off"
            dated_open = [w for w in opened if w.date is not None]
            for a, b in _real(zone, day, weekly_closed):
                overlap = (max(a, slot.start), min(b, slot.end))
                if overlap[0] < overlap[1]:  # only where a dated open window reopens it
                    assert _union_covers(_real(zone, day, dated_open), *overlap)
        assert inside_some_day


@PROPERTY
@given(scenarios())
def test_every_slot_passes_the_availability_check(s: dict[str, object]) -> None:
    zone: ZoneInfo = s["zone"]  # type: ignore[assignment]
    schedule = Schedule(zone, s["windows"])  # type: ignore[arg-type]
    first_day: date = s["first_day"]  # type: ignore[assignment]
    last_day: date = s["last_day"]  # type: ignore[assignment]
    open_time = schedule.open_time(first_day - timedelta(days=1), last_day + timedelta(days=1))
    for slot in free_slots(**s):  # type: ignore[arg-type]
        assert covers(open_time, slot.start, slot.end)


@PROPERTY
@given(
    zone_name=st.sampled_from(ZONES),
    data=st.data(),
    minute=st.integers(0, 1440),
)
def test_wall_times_map_to_the_first_instant_showing_them(
    zone_name: str, data: st.DataObject, minute: int
) -> None:
    """Existing times: first occurrence (fold 0). Skipped times: the instant of the jump."""
    zone = ZoneInfo(zone_name)
    day = data.draw(st.sampled_from(transition_days(zone_name)))
    naive = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
    instant = wall_to_utc(zone, day, minute)
    local = instant.astimezone(zone)
    if local.replace(tzinfo=None) == naive:
        assert local.fold == 0
    else:  # skipped: a second earlier the clock still showed an earlier time
        assert local.replace(tzinfo=None) > naive
        before = (instant - timedelta(seconds=1)).astimezone(zone).replace(tzinfo=None)
        assert before < naive


@pytest.mark.parametrize("zone_name", ZONES)
def test_each_zone_has_transition_days_to_test(zone_name: str) -> None:
    assert transition_days(zone_name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.dates(date(2026, 3, 20), date(2026, 11, 5)),  # both Berlin changes in reach
    days=st.integers(1, 10),
    window=st.tuples(st.integers(0, 47), st.integers(1, 48)).filter(lambda w: w[0] < w[1]),
    available=st.booleans(),
)
def test_a_dated_range_is_the_same_as_one_entry_per_date(
    first: date, days: int, window: tuple[int, int], available: bool
) -> None:
    start, end = window[0] * 30, window[1] * 30
    last = first + timedelta(days=days - 1)
    base = [Window(8 * 60, 18 * 60, True, day_of_week=d) for d in range(7)]
    ranged = Window(start, end, available, date=first, end_date=last)
    per_date = [Window(start, end, available, date=first + timedelta(days=n)) for n in range(days)]
    outside = (first - timedelta(days=1), last + timedelta(days=1))
    assert slots_of([*base, ranged], outside[0], last_day=outside[1]) == slots_of(
        [*base, *per_date], outside[0], last_day=outside[1]
    )
