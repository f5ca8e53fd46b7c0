"""What schedules needs from the layer above: which intervals are already booked, and
(for time off) which appointments a range covers and how to cancel them.

Schedules sits below appointments and never imports it. Free slots are open time minus
busy time, so the appointments domain registers its query here at start-up
(`appointments.init_app`), and schedules calls it through `blocked_intervals`. Busy time is
each appointment's *blocked range* (the visit widened by its type's buffers at booking).
Time off over booked appointments (`entries`) lists them with `booked_visits` and, once
the doctor confirms, cancels them with `cancel_visits` in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class BookedVisit:
    """An upcoming appointment as time off sees it: never its reason."""

    id: int
    start: datetime
    end: datetime
    patient_name: str


BookedVisits = Callable[[Session, int, datetime, datetime, datetime], list[BookedVisit]]
"""`(session, doctor_id, start, end, now)` → the doctor's non-cancelled appointments that
start after `now` and overlap [start, end), by start."""
CancelVisits = Callable[[Session, int, Sequence[int], str | None], None]
"""`(session, doctor_id, appointment_ids, message)` → cancels them as the doctor, in the
caller's transaction, emailing each patient (`message` goes into their email)."""

_visits: list[tuple[BookedVisits, CancelVisits]] = []


def provide_booked_visits(lister: BookedVisits, canceller: CancelVisits) -> None:
    """Register how time off finds and cancels the appointments it covers (appointments)."""
    _visits[:] = [(lister, canceller)]


def booked_visits(
    session: Session, doctor_id: int, start: datetime, end: datetime, now: datetime
) -> list[BookedVisit]:
    if not _visits:
        raise RuntimeError("no booked-visits provider registered (appointments.init_app)")
    return _visits[0][0](session, doctor_id, start, end, now)


def cancel_visits(
    session: Session, doctor_id: int, appointment_ids: Sequence[int], message: str | None
) -> None:
    if not _visits:
        raise RuntimeError("no booked-visits provider registered (appointments.init_app)")
    _visits[0][1](session, doctor_id, appointment_ids, message)
