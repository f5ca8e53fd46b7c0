"""Property: clinic closures (whole local dates) remove exactly that date's slots."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from clinic360.schedules.slots import free_slots, local_date
from tests.schedules.test_slots import PROPERTY, scenarios


@PROPERTY
@given(scenarios(), st.data())
def test_slots_are_never_on_a_closed_date_and_other_dates_keep_theirs(
    s: dict[str, object], data: st.DataObject
) -> None:
    zone: ZoneInfo = s["zone"]  # type: ignore[assignment]
    first_day: date = s["first_day"]  # type: ignore[assignment]
    last_day: date = s["last_day"]  # type: ignore[assignment]
    days = [first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    closed = frozenset(data.draw(st.sets(st.sampled_from(days))))
    open_slots = free_slots(**s)  # type: ignore[arg-type]
    slots = free_slots(**s, closed_dates=closed)  # type: ignore[arg-type]
    assert all(local_date(zone, slot.start) not in closed for slot in slots)
    assert slots == [slot for slot in open_slots if local_date(zone, slot.start) not in closed]
