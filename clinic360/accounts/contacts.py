"""What other domains may know of a user to write to them: the contact card.

The notifications relay renders emails from these cards and never reads the users table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from clinic360.accounts.family_models import Dependent
from clinic360.accounts.models import Role, User


@dataclass(frozen=True)
class Contact:
    """A user as an email sees them: address, name, clock, and for doctors the specialty."""

    id: int
    username: str
    email: str
    full_name: str
    is_doctor: bool
    timezone: str
    specialization: str | None
    sms_number: str | None = None
    """The E.164 mobile number when the user opted in to text messages, else None."""


def contact_of(session: Session, user_id: int) -> Contact | None:
    """The user's current contact card (None when there is no such user). A dependent who
    has not claimed their account (`family_models`) is written to at their guardian's
    address."""
    guardian = aliased(User)
    row = session.execute(
        select(
            User.id,
            User.username,
            User.email,
            User.full_name,
            User.role,
            User.timezone,
            User.specialization,
            User.mobile_phone,
            User.sms_reminders,
            guardian.email.label("guardian_email"),
        )
        .outerjoin(Dependent, and_(Dependent.patient_id == User.id, Dependent.claimed_at.is_(None)))
        .outerjoin(guardian, guardian.id == Dependent.guardian_id)
        .where(User.id == user_id)
    ).one_or_none()
    if row is None:
        return None
    return Contact(
        id=row.id,
        username=row.username,
        # Emails about a dependent without their own login go to their guardian.
        email=row.guardian_email or row.email,
        full_name=row.full_name,
        is_doctor=row.role == Role.DOCTOR.value,
        timezone=row.timezone,
        specialization=row.specialization,
        sms_number=row.mobile_phone if row.sms_reminders else None,
    )


def sms_recipients(session: Session, user_ids: Iterable[int]) -> set[int]:
    """Those of `user_ids` who opted in to text messages (and so have a mobile number)."""
    ids = sorted(set(user_ids))
    found: set[int] = set()
    for chunk in range(0, len(ids), 1000):
        found.update(
            session.scalars(
                select(User.id).where(
                    User.id.in_(ids[chunk : chunk + 1000]),
                    User.sms_reminders.is_(True),
                    User.mobile_phone.is_not(None),
                )
            )
        )
    return found


def reminder_steps_off(session: Session, user_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """The reminder steps (minutes before the start) each of `user_ids` turned off; users
    who turned none off are left out."""
    ids = sorted(set(user_ids))
    found: dict[int, frozenset[int]] = {}
    for chunk in range(0, len(ids), 1000):
        rows = session.execute(
            select(User.id, User.reminder_steps_off).where(
                User.id.in_(ids[chunk : chunk + 1000]), User.reminder_steps_off.is_not(None)
            )
        )
        for user_id, steps in rows:
            if steps:
                found[user_id] = frozenset(int(step) for step in steps)
    return found
