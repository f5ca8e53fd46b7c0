"""The slot engine with a visit type's rules: length, grid, buffers, notice and horizon.

Examples first, then properties over the daylight-saving scenarios of test_slots.py: the
buffered range of a free slot never touches a busy range, every slot is on its window's
grid, notice and horizon bound every start, and no free grid slot is left out.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from clinic360.schedules.slots import (
    Interval,
    Schedule,
    Slot,
    SlotRules,
    free_slots,
    iter_type_slots,
)
from tests.schedules.test_slots import (
    BERLIN,
    LONG_AGO,
    MONDAY,
    PROPERTY,
    local_times,
    scenarios,
    utc,
    weekly,
)

NINE_TO_NOON = [weekly(MONDAY, "09:00", "12:00")]


def type_slots(rules: SlotRules, busy: list[Interval] | None = None, now: datetime = LONG_AGO,
               windows: list[Any] | None = None) -> list[Slot]:  # fmt: skip
    return list(
        iter_type_slots(
            zone=BERLIN,
            rules=rules,
            windows=windows or NINE_TO_NOON,
            busy=busy or [],
            now=now,
            first_day=MONDAY,
            last_day=MONDAY,
        )
    )


# ------------------------------------------------------------------------- examples


def test_a_finer_grid_offers_overlapping_starts() -> None:
    slots = type_slots(SlotRules(duration_minutes=45, slot_grid_minutes=15))
    assert local_times(slots)[:3] == ["09:00+0100", "09:15+0100", "09:30+0100"]
    assert local_times(slots)[-1] == "11:15+0100"  # 11:15–12:00 is the last that fits


def test_buffers_keep_slots_away_from_a_booked_visit() -> None:
    # Booked 10:00–10:30 Berlin with no buffers of its own.
    busy = [(utc(2026, 12, 7, 9, 0), utc(2026, 12, 7, 9, 30))]
    rules = SlotRules(30, 30, buffer_before_minutes=10, buffer_after_minutes=15)
    # 09:30–10:00 needs 10:00–10:15 free after it; 10:30–11:00 needs 10:20–10:30 before it.
    assert local_times(type_slots(rules, busy)) == [
        "09:00+0100",
        "11:00+0100",
        "11:30+0100",
    ]


def test_a_booked_blocked_range_keeps_even_buffer_free_types_out() -> None:
    # A visit 10:00–10:30 blocked 09:50–10:45 (its type's buffers).
    busy = [(utc(2026, 12, 7, 8, 50), utc(2026, 12, 7, 9, 45))]
    slots = type_slots(SlotRules(15, 15), busy)
    assert "09:45+0100" not in local_times(slots) and "10:30+0100" not in local_times(slots)
    assert "09:30+0100" in local_times(slots) and "10:45+0100" in local_times(slots)


def test_buffers_may_reach_outside_open_hours() -> None:
    rules = SlotRules(60, 60, buffer_before_minutes=30, buffer_after_minutes=30)
    assert local_times(type_slots(rules)) == ["09:00+0100", "10:00+0100", "11:00+0100"]


def test_minimum_notice_and_horizon_bound_the_starts() -> None:
    now = utc(2026, 12, 7, 8, 5)  # 09:05 Berlin
    notice = SlotRules(30, 30, min_notice_minutes=60)
    assert local_times(type_slots(notice, now=now))[0] == "10:30+0100"
    horizon = SlotRules(30, 30, horizon_days=0)
    assert type_slots(horizon, now=now) == []
    assert type_slots(SlotRules(30, 30, horizon_days=1), now=now) != []


def test_without_notice_only_the_past_is_left_out() -> None:
    now = utc(2026, 12, 7, 8, 5)
    rules = SlotRules(30, 30, min_notice_minutes=600, horizon_days=0)
    slots = iter_type_slots(
        zone=BERLIN,
        rules=rules,
        windows=NINE_TO_NOON,
        busy=[],
        now=now,
        first_day=MONDAY,
        last_day=MONDAY,
        notice=False,
    )
    assert local_times(list(slots))[0] == "09:30+0100"


def test_blocked_range_of_a_visit() -> None:
    rules = SlotRules(30, 30, buffer_before_minutes=5, buffer_after_minutes=10)
    start = utc(2026, 12, 7, 9)
    assert rules.blocked(start, start + timedelta(minutes=30)) == (
        utc(2026, 12, 7, 8, 55),
        utc(2026, 12, 7, 9, 40),
    )


# ----------------------------------------------------------------------- properties


@st.composite
def typed_scenarios(draw: st.DrawFn) -> tuple[dict[str, Any], SlotRules]:
    s: dict[str, Any] = draw(scenarios())
    rules = SlotRules(
        duration_minutes=draw(st.sampled_from([5, 15, 20, 30, 45, 60, 90, 240])),
        slot_grid_minutes=draw(st.sampled_from([5, 10, 15, 30, 60])),
        buffer_before_minutes=draw(st.integers(0, 60)),
        buffer_after_minutes=draw(st.integers(0, 60)),
        min_notice_minutes=draw(st.sampled_from([0, 0, 30, 120, 1440])),
        horizon_days=draw(st.sampled_from([None, 0, 1, 2, 365])),
    )
    return s, rules


def _slots(s: dict[str, Any], rules: SlotRules) -> list[Slot]:
    return list(
        iter_type_slots(
            zone=s["zone"],
            rules=rules,
            windows=s["windows"],
            busy=s["busy"],
            now=s["now"],
            first_day=s["first_day"],
            last_day=s["last_day"],
        )
    )


def _open_windows(s: dict[str, Any]) -> list[tuple[date, Interval]]:
    """Each day's merged open windows (before time off) in UTC: where grids start."""
    schedule = Schedule(s["zone"], s["windows"])
    day, found = s["first_day"], []
    while day <= s["last_day"]:
        found.extend((day, w) for w in schedule.real(day, schedule.minutes(day)[0]))
        day += timedelta(days=1)
    return found


def _overlaps(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _closed(s: dict[str, Any], day: date) -> list[Interval]:
    schedule = Schedule(s["zone"], s["windows"])
    return schedule.real(day, schedule.minutes(day)[1])


@PROPERTY
@given(typed_scenarios())
def test_no_slot_s_blocked_range_touches_a_busy_range(case: tuple[dict[str, Any], Any]) -> None:
    s, rules = case
    for slot in _slots(s, rules):
        blocked = rules.blocked(slot.start, slot.end)
        assert not any(_overlaps(blocked, busy) for busy in s["busy"])
        assert slot.end - slot.start == timedelta(minutes=rules.duration_minutes)


@PROPERTY
@given(typed_scenarios())
def test_every_slot_is_on_its_window_s_grid(case: tuple[dict[str, Any], Any]) -> None:
    s, rules = case
    grid = timedelta(minutes=rules.slot_grid_minutes)
    windows = _open_windows(s)
    for slot in _slots(s, rules):
        assert any(
            a <= slot.start and slot.end <= b and (slot.start - a) % grid == timedelta(0)
            for _, (a, b) in windows
        )


@PROPERTY
@given(typed_scenarios())
def test_notice_and_horizon_bound_every_start(case: tuple[dict[str, Any], Any]) -> None:
    s, rules = case
    now: datetime = s["now"]
    latest = rules.latest_start(now)
    for slot in _slots(s, rules):
        assert slot.start >= now + timedelta(minutes=rules.min_notice_minutes)
        assert latest is None or slot.start <= latest


@PROPERTY
@given(typed_scenarios())
def test_every_free_grid_slot_is_offered(case: tuple[dict[str, Any], Any]) -> None:
    """The oracle walks each window's grid itself: nothing free is left out."""
    s, rules = case
    length = timedelta(minutes=rules.duration_minutes)
    grid = timedelta(minutes=rules.slot_grid_minutes)
    earliest, latest = rules.earliest_start(s["now"]), rules.latest_start(s["now"])
    expected = set()
    for day, (a, b) in _open_windows(s):
        start = a
        while start + length <= b:
            slot = (start, start + length)
            if (
                start >= earliest
                and (latest is None or start <= latest)
                and not any(_overlaps(slot, c) for c in _closed(s, day))
                and not any(_overlaps(rules.blocked(*slot), busy) for busy in s["busy"])
            ):
                expected.add(Slot(*slot))
            start += grid
    assert set(_slots(s, rules)) == expected


@PROPERTY
@given(scenarios())
def test_a_type_without_buffers_on_its_own_length_is_the_plain_engine(s: dict[str, Any]) -> None:
    rules = SlotRules(s["slot_minutes"], s["slot_minutes"])
    assert _slots(s, rules) == free_slots(**s)


@PROPERTY
@given(typed_scenarios(), st.data())
def test_booking_a_slot_removes_every_slot_whose_range_it_touches(
    case: tuple[dict[str, Any], Any], data: st.DataObject
) -> None:
    s, rules = case
    slots = _slots(s, rules)
    if not slots:
        return
    taken = data.draw(st.sampled_from(slots))
    after = _slots({**s, "busy": [*s["busy"], rules.blocked(taken.start, taken.end)]}, rules)
    assert taken not in after
    for slot in after:
        assert not _overlaps(
            rules.blocked(slot.start, slot.end), rules.blocked(taken.start, taken.end)
        )
