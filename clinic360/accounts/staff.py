"""Staff accounts and the patients the front desk looks up and registers.

`create_staff` owns its transaction (an admin's call or the `flask create-staff` command).
The patient functions run inside the caller's transaction: the front desk's service
(`clinic360/frontdesk`) writes the access log in the same one.
"""

from __future__ import annotations

import logging
import re
import secrets
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from clinic360.accounts import invitations
from clinic360.accounts.errors import InvalidPhone
from clinic360.accounts.models import UNCLAIMED_HASH, Role, User, email_key, name_key
from clinic360.accounts.passwords import hash_password, password_problem
from clinic360.accounts.phones import normalise_mobile
from clinic360.accounts.service import insert_user, raise_if_taken
from clinic360.accounts.staff_schemas import StaffCreateBody, WalkInBody
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed

log = logging.getLogger("clinic360.accounts")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")


def create_staff(body: StaffCreateBody, admin: User | None, password: str | None = None) -> User:
    """Create a receptionist or manager. With `password` (the CLI) the account is ready;
    without (an admin in the web app) it is unclaimed and its owner gets an invitation.

    Raises ValidationFailed (password rules), UsernameTaken, EmailTaken."""
    if password is not None and (reason := password_problem(password, body.username)):
        raise ValidationFailed({"password": reason})
    user = User(
        username=body.username,
        email=str(body.email),
        full_name=body.full_name,
        role=body.role,
        timezone=body.timezone,
        approved=True,
        password_hash=hash_password(password) if password is not None else UNCLAIMED_HASH,
        session_epoch=0,
    )
    insert_user(user)
    if password is None and admin is not None:
        with transaction() as session:
            invitations.invite(session, session.merge(user), admin)
    log.info(
        "staff created",
        extra={"user_id": user.id, "role": user.role, "actor_id": admin.id if admin else None},
    )
    return user


def _patients() -> Select[User]:
    return select(User).where(User.role == Role.PATIENT.value)


def search_patients(session: Session, q: str, limit: int, offset: int) -> tuple[list[User], int]:
    """Patients matching `q` (see `PatientSearchQuery`), by name, and their total.

    Each kind of term is one indexed condition: the date of birth (equality), the mobile
    number (E.164 prefix), the email key (prefix of the unique index), or a name prefix on
    `(role, name_key)`; a later word of the name (`% word`) is matched too, scanning only
    patients."""
    term = q.strip()
    statement = _patients()
    if _DATE.match(term):
        try:
            statement = statement.where(User.date_of_birth == date.fromisoformat(term))
        except ValueError:
            raise ValidationFailed({"q": "is not a valid date"}) from None
    elif "@" in term:
        statement = statement.where(User.email_key.startswith(email_key(term), autoescape=True))
    elif _PHONE.match(term):
        digits = re.sub(r"\D", "", term)
        prefix = "+" + digits if term.startswith("+") else None
        if prefix is None:
            try:
                prefix = normalise_mobile(term)
            except InvalidPhone:  # a partial national number: match its digits anywhere
                prefix = None
        condition = (
            User.mobile_phone.startswith(prefix, autoescape=True)
            if prefix
            else User.mobile_phone.contains(digits, autoescape=True)
        )
        statement = statement.where(condition)
    else:
        key = name_key(term)
        statement = statement.where(
            or_(
                User.name_key.startswith(key, autoescape=True),
                User.name_key.contains(" " + key, autoescape=True),
            )
        )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(User.name_key, User.id).limit(limit).offset(offset)
    ).all()
    return list(rows), total


def duplicates_of(session: Session, full_name: str, born: date) -> list[User]:
    """Patients with the same name (ignoring case and spacing) and date of birth."""
    return list(
        session.scalars(
            _patients()
            .where(User.date_of_birth == born, User.name_key == name_key(full_name))
            .order_by(User.id)
            .limit(10)
        )
    )


def _free_username(session: Session, email: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]", "", email.split("@")[0])[:24] or "patient"
    base = base if len(base) >= 3 else f"{base}-pt"
    candidate = base
    while session.scalar(select(User.id).where(func.lower(User.username) == candidate.lower())):
        candidate = f"{base}-{secrets.randbelow(10**6):06d}"
    return candidate


def new_patient(session: Session, body: WalkInBody, by: User) -> User:
    """Insert a patient without a password and queue their invitation, in the caller's
    transaction. Raises InvalidPhone, UsernameTaken, EmailTaken (duplicates are the
    caller's question: `duplicates_of`)."""
    phone = body.mobile_phone.strip() if body.mobile_phone else ""
    raise_if_taken(body.username, str(body.email))
    user = User(
        username=body.username or _free_username(session, str(body.email)),
        email=str(body.email),
        full_name=body.full_name,
        role=Role.PATIENT.value,
        timezone=body.timezone,
        approved=True,
        password_hash=UNCLAIMED_HASH,
        session_epoch=0,
        date_of_birth=body.date_of_birth,
        mobile_phone=normalise_mobile(phone) if phone else None,
    )
    session.add(user)
    session.flush()
    invitations.invite(session, user, by)
    return user


def reinvite(session: Session, patient_id: int, by: User) -> User:
    """A new invitation for a patient who has not claimed their account (older links stop
    working). Raises NotFound (no such patient), ValidationFailed (already claimed)."""
    patient = session.scalar(_patients().where(User.id == patient_id))
    if patient is None:
        raise NotFound()
    if patient.claimed:
        raise ValidationFailed({"id": "this patient already set a password"})
    invitations.invite(session, patient, by)
    return patient


def patient(session: Session, patient_id: int) -> User:
    """A patient by id (any patient: the front desk serves them all); NotFound otherwise."""
    found = session.scalar(_patients().where(User.id == patient_id))
    if found is None:
        raise NotFound()
    return found
