"""What the appointments domain tells the domains above it, inside its own transactions.

A domain above (the waitlist) registers a hook at start-up; each runs in the transaction
of the change, so what it writes commits or rolls back with the change, and nothing is
lost between the two. The appointments domain never reads their tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Visit:
    """An appointment's interval as the hooks see it: who, with whom, which type, when."""

    appointment_id: int
    patient_id: int
    doctor_id: int
    visit_type_id: int | None
    start: datetime
    end: datetime


SlotFreedHook = Callable[[Session, Visit, str], None]
"""`hook(session, visit, cause)`: `visit`'s former interval is free again (`cancelled`,
`rescheduled`)."""
BookedHook = Callable[[Session, Visit], None]
"""`hook(session, visit)`: the patient booked `visit`."""

_freed_hooks: list[SlotFreedHook] = []
_booked_hooks: list[BookedHook] = []


def on_slot_freed(hook: SlotFreedHook) -> None:
    if hook not in _freed_hooks:
        _freed_hooks.append(hook)


def on_booked(hook: BookedHook) -> None:
    if hook not in _booked_hooks:
        _booked_hooks.append(hook)


def slot_freed(session: Session, visit: Visit, cause: str) -> None:
    for hook in _freed_hooks:
        hook(session, visit, cause)


def booked(session: Session, visit: Visit) -> None:
    for hook in _booked_hooks:
        hook(session, visit)
