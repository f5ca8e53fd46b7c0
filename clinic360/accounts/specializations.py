"""The clinic's managed list of specializations: an admin adds, renames and retires entries;
doctors pick one at registration and in their profile; patients filter the directory by one.

A name is unique ignoring case and spacing (`specialization_key`). Each public function
owns one transaction; `choose` and `doctors_having` are the one rule each for "which entry a
doctor may pick" and "which doctors have an entry", used by every path.
"""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import ColumnElement, false, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic360.accounts.errors import SpecializationTaken, UnknownSpecialization
from clinic360.accounts.models import Specialization, User, specialization_key
from clinic360.core import cache
from clinic360.core.db import db, transaction
from clinic360.core.errors import NotFound, ValidationFailed

log = logging.getLogger("clinic360.accounts")

Choice = int | str
"""A specialization as a request names it: its id, or its name (ignoring case)."""


def active() -> list[Specialization]:
    """The entries doctors may pick and patients filter by, by name."""
    return list(
        db.session.scalars(
            select(Specialization)
            .where(Specialization.active.is_(True))
            .order_by(Specialization.name_key, Specialization.id)
        )
    )


def listing() -> list[tuple[Specialization, int]]:
    """Every entry, retired ones too, by name, each with how many doctors have it."""
    doctors = (
        select(func.count(User.id))
        .where(User.specialization_id == Specialization.id)
        .correlate(Specialization)
        .scalar_subquery()
    )
    query = select(Specialization, doctors).order_by(Specialization.name_key, Specialization.id)
    return [(entry, int(count)) for entry, count in db.session.execute(query).all()]


def choose(session: Session, choice: Choice, current_id: int | None = None) -> Specialization:
    """The entry `choice` names (an id, or a name ignoring case and spacing) that a doctor may
    pick: an active one, or the doctor's own current one even when it has been retired.

    Raises UnknownSpecialization otherwise.
    """
    if isinstance(choice, int):
        condition = Specialization.id == choice
    else:
        condition = Specialization.name_key == specialization_key(choice)
    entry = session.scalar(select(Specialization).where(condition))
    if entry is None or not (entry.active or entry.id == current_id):
        raise UnknownSpecialization(errors={"specialization": "is not on the clinic's list"})
    return entry


def assign(doctor: User, entry: Specialization) -> None:
    """Give `doctor` the entry (and the free-text column the previous release reads)."""
    doctor.specialization_id = entry.id
    doctor.legacy_specialization = entry.name


def doctors_having(choice: Choice) -> ColumnElement[bool]:
    """SQL condition: the user has the entry `choice` names (retired or not); nobody has a
    name that is not on the list."""
    if isinstance(choice, int):
        return User.specialization_id == choice
    key = specialization_key(choice)
    if not key:
        return false()
    return User.specialization_id.in_(
        select(Specialization.id).where(Specialization.name_key == key)
    )


def create(name: str, admin: User) -> Specialization:
    """Add an active entry. Raises SpecializationTaken (same name ignoring case and spacing),
    ValidationFailed (the list is full: `SPECIALIZATIONS_MAX`)."""
    try:
        with transaction() as session:
            limit = current_app.config["SPECIALIZATIONS_MAX"]
            if (session.scalar(select(func.count(Specialization.id))) or 0) >= limit:
                raise ValidationFailed({"name": f"the list holds at most {limit} entries"})
            _raise_if_taken(session, name)
            entry = Specialization(name=name, active=True)
            session.add(entry)
    except IntegrityError:  # a concurrent request added the same name
        raise SpecializationTaken() from None
    log.info("specialization added", extra={"user_id": admin.id, "specialization_id": entry.id})
    return entry


def update_entry(
    entry_id: int, name: str | None, is_active: bool | None, admin: User
) -> tuple[Specialization, int]:
    """Rename, retire (`is_active=False`: no longer offered, doctors keep it) or reinstate an
    entry. A rename shows on every doctor who has it. Returns the entry and how many doctors
    have it.

    Raises NotFound, SpecializationTaken (another entry has that name).
    """
    try:
        with transaction() as session:
            entry = session.get(
                Specialization, entry_id, populate_existing=True, with_for_update=True
            )
            if entry is None:
                raise NotFound()
            if name is not None and specialization_key(name) != entry.name_key:
                _raise_if_taken(session, name)
            if name is not None:
                entry.name = name
                session.execute(
                    update(User)
                    .where(User.specialization_id == entry.id)
                    .values({User.legacy_specialization: entry.name})
                    .execution_options(synchronize_session=False)
                )
                cache.bump(session, None, directory=True)  # a bulk update of doctors
            if is_active is not None:
                entry.active = is_active
            doctors = session.scalar(
                select(func.count(User.id)).where(User.specialization_id == entry.id)
            )
    except IntegrityError:
        raise SpecializationTaken() from None
    log.info("specialization changed", extra={"user_id": admin.id, "specialization_id": entry_id})
    return entry, doctors or 0


def _raise_if_taken(session: Session, name: str) -> None:
    key = specialization_key(name)
    if session.scalar(select(Specialization.id).where(Specialization.name_key == key)):
        raise SpecializationTaken()
