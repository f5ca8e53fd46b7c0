"""The one thing schedules needs from the layer above: which intervals are already booked.

Schedules sits below appointments and never imports it. Free slots are open time minus
busy time, so the appointments domain registers its query here at start-up
(`appointments.init_app`), and schedules calls it through `blocked_intervals`. Busy time is
each appointment's *blocked range* (the visit widened by its type's buffers at booking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from clinic360.schedules.models import MAX_BUFFER_MINUTES

Interval = tuple[datetime, datetime]
BusyIntervals = Callable[[Session, Iterable[int], datetime, datetime], dict[int, list[Interval]]]
"""`(session, doctor_ids, start, end)` → per doctor, the blocked ranges of non-cancelled
appointments overlapping [start, end), sorted by start (doctors with none may be missing)."""
_BUFFER = timedelta(minutes=MAX_BUFFER_MINUTES)

_providers: list[BusyIntervals] = []


def provide_busy_intervals(provider: BusyIntervals) -> None:
    """Register the source of booked intervals (the appointments domain; one, replaced)."""
    _providers[:] = [provider]


def blocked_intervals(
    session: Session, doctor_ids: Iterable[int], start: datetime, end: datetime
) -> dict[int, list[Interval]]:
    """Per doctor, the blocked ranges a slot inside [start, end) could touch: those that
    overlap it widened by the longest buffer on each side (a slot's own buffers reach
    that far). From the registered provider."""
    if not _providers:
        raise RuntimeError("no busy-interval provider registered (appointments.init_app)")
    return _providers[0](session, doctor_ids, start - _BUFFER, end + _BUFFER)
