"""A doctor's own fields (profile) and the hooks that run when a doctor is saved.

The schedules domain sits above accounts: it registers `on_doctor_saved` at start-up to keep
each doctor's default visit type (created at registration, its length following
`slot_minutes`), and calls `set_slot_minutes` when that type's length changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.accounts.schemas import UpdateUserBody, stored_languages
from clinic360.core import cache

DoctorSavedHook = Callable[[Session, User], None]
_doctor_saved_hooks: list[DoctorSavedHook] = []
DOCTOR_FIELDS = (
    ("slot_minutes", "slotMinutes"),
    ("address", "address"),
    ("languages", "languages"),
    ("bio", "bio"),
    ("accepts_messages", "acceptsMessages"),
    ("message_digest", "messageDigest"),
)
"""(attribute, wire name) of the profile fields only doctors have (besides the
specialization, picked from the clinic's list by name or id)."""


def apply_doctor_fields(doctor: User, data: UpdateUserBody) -> None:
    """Copy the doctor-only fields present in `data` (an empty text clears it)."""
    if data.slot_minutes is not None:
        doctor.slot_minutes = data.slot_minutes
    if data.address is not None:
        doctor.address = data.address or None
    if data.languages is not None:
        doctor.languages = stored_languages(data.languages)
    if data.bio is not None:
        doctor.bio = data.bio.strip() or None
    if data.accepts_messages is not None:
        doctor.accepts_messages = data.accepts_messages
    if data.message_digest is not None:
        doctor.message_digest = data.message_digest


def on_doctor_saved(hook: DoctorSavedHook) -> None:
    """Run `hook(session, doctor)` in the transaction that registers a doctor or saves their
    profile. The schedules domain keeps the doctor's default visit type there (created at
    registration; its length follows `slot_minutes`)."""
    if hook not in _doctor_saved_hooks:
        _doctor_saved_hooks.append(hook)


def doctor_saved(session: Session, doctor: User) -> None:
    """Run the hooks (registration and profile saves call this, doctor flushed)."""
    for hook in _doctor_saved_hooks:
        hook(session, doctor)


def set_slot_minutes(session: Session, doctor_id: int, minutes: int) -> None:
    """Record a doctor's slot length inside the caller's transaction (schedules calls this
    when the doctor changes their default visit type's length)."""
    session.execute(update(User).where(User.id == doctor_id).values(slot_minutes=minutes))
    cache.bump(session, doctor_id, directory=True)  # a bulk update: not seen by `cache.watch`


def names_of(session: Session, user_ids: Iterable[int]) -> dict[int, str]:
    """The full names of these users (one read), for tables that name doctors by id."""
    ids = list(set(user_ids))
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(ids)))
    return {int(user_id): name for user_id, name in rows}
