"""The one thing schedules needs from the layer above: which intervals are already booked.

Schedules sits below appointments and never imports it. Free slots are open time minus
busy time, so the appointments domain registers its query here at start-up
(`appointments.init_app`), and schedules calls it through `busy_intervals`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy.orm import Session

Interval = tuple[datetime, datetime]
BusyIntervals = Callable[[Session, Iterable[int], datetime, datetime], dict[int, list[Interval]]]
"""`(session, doctor_ids, start, end)` → per doctor, the booked intervals overlapping
[start, end), sorted by start (doctors with none may be missing)."""

_providers: list[BusyIntervals] = []


def provide_busy_intervals(provider: BusyIntervals) -> None:
    """Register the source of booked intervals (the appointments domain; one, replaced)."""
    _providers[:] = [provider]


def busy_intervals(
    session: Session, doctor_ids: Iterable[int], start: datetime, end: datetime
) -> dict[int, list[Interval]]:
    """Booked intervals per doctor overlapping [start, end), from the registered provider."""
    if not _providers:
        raise RuntimeError("no busy-interval provider registered (appointments.init_app)")
    return _providers[0](session, doctor_ids, start, end)
