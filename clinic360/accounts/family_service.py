"""Family access, the writes: dependents, proxy grants, a dependent's own login.

Who may act for whom is `family.py` (the rule); this module keeps its tables. Each public
function owns one transaction; its emails go to the outbox inside it (`family_emails`).
"""

from __future__ import annotations

import logging
import secrets
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from clinic360.accounts import family_emails
from clinic360.accounts.errors import (
    DependentClaimed,
    DependentTooYoung,
    FamilyLimitReached,
    InvalidClaimToken,
    ProxyAccountUnknown,
    ProxyGrantExists,
)
from clinic360.accounts.family import Capability
from clinic360.accounts.family_models import Dependent, ProxyGrant
from clinic360.accounts.family_schemas import (
    ActingFor,
    DependentClaimBody,
    DependentCreate,
    DependentOut,
    FamilyOut,
    Person,
    ProxyGrantCreate,
    ProxyGrantOut,
)
from clinic360.accounts.models import Role, User, email_key
from clinic360.accounts.passwords import hash_password, password_problem
from clinic360.accounts.service import raise_if_taken
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.core.tokens import token_digest

log = logging.getLogger("clinic360.accounts")

NO_LOGIN = "!dependent-without-login"
CLAIM_TOKEN_BYTES = 32


def add_dependent(guardian: User, data: DependentCreate) -> DependentOut:
    """A dependent of `guardian`: a new patient without a login (see `family_models`).
    Raises FamilyLimitReached (DEPENDENTS_PER_GUARDIAN)."""
    with transaction() as session:
        held = session.scalar(select(func.count()).where(Dependent.guardian_id == guardian.id))
        if (held or 0) >= current_app.config["DEPENDENTS_PER_GUARDIAN"]:
            raise FamilyLimitReached()
        patient = User(
            username=f"dependent-{secrets.token_hex(8)}",
            email=f"dependent-{secrets.token_hex(12)}@dependents.invalid",
            full_name=data.full_name,
            role=Role.PATIENT.value,
            timezone=guardian.timezone,
            password_hash=NO_LOGIN,
        )
        session.add(patient)
        session.flush()
        dependent = Dependent(
            patient_id=patient.id,
            guardian_id=guardian.id,
            date_of_birth=data.date_of_birth,
            relationship=data.relationship.value,
        )
        session.add(dependent)
        session.flush()
        log.info("dependent added", extra={"user_id": guardian.id, "patient_id": patient.id})
        return _dependent_out(dependent, patient)


def family_of(user: User) -> FamilyOut:
    """The caller's dependents (claimed ones too), open grants given and received, and who
    they may act for now."""
    with transaction(write=False) as session:
        dependents = session.execute(
            select(Dependent, User)
            .join(User, User.id == Dependent.patient_id)
            .where(Dependent.guardian_id == user.id)
            .order_by(User.full_name, User.id)
        ).all()
        grants = session.scalars(
            select(ProxyGrant)
            .where(
                or_(ProxyGrant.patient_id == user.id, ProxyGrant.proxy_id == user.id),
                ProxyGrant.revoked_at.is_(None),
            )
            .order_by(ProxyGrant.id)
        ).all()
        people = _people(session, {g.patient_id for g in grants} | {g.proxy_id for g in grants})
        granted = [_grant_out(g, people) for g in grants if g.patient_id == user.id]
        received = [_grant_out(g, people) for g in grants if g.proxy_id == user.id]
        everything = list(Capability)
        acting = [
            ActingFor(id=user.id, full_name=user.full_name, via="self", capabilities=everything)
        ]
        acting += [
            ActingFor(id=p.id, full_name=p.full_name, via="guardian", capabilities=everything)
            for d, p in dependents
            if d.claimed_at is None
        ]
        acting += [
            ActingFor(
                id=g.patient.id,
                full_name=g.patient.full_name,
                via="proxy",
                capabilities=g.capabilities,
            )
            for g in received
            if g.status == "active"
        ]
        return FamilyOut(
            dependents=[_dependent_out(d, p) for d, p in dependents],
            granted=granted,
            received=received,
            acting_for=acting,
        )


def grant(patient: User, data: ProxyGrantCreate) -> ProxyGrantOut:
    """Offer `data.account` access to `patient`'s care (pending until they accept); both
    are emailed. Raises ProxyAccountUnknown, ProxyGrantExists, FamilyLimitReached."""
    account = data.account.strip()
    with transaction() as session:
        by = (
            User.email_key == email_key(account)
            if "@" in account
            else func.lower(User.username) == account.lower()
        )
        proxy = session.scalar(select(User).where(by))
        if (
            proxy is None
            or proxy.id == patient.id
            or proxy.role != Role.PATIENT.value
            or proxy.suspended
            or proxy.password_hash == NO_LOGIN
        ):
            raise ProxyAccountUnknown()
        open_grants = select(ProxyGrant.id).where(
            ProxyGrant.patient_id == patient.id, ProxyGrant.revoked_at.is_(None)
        )
        if session.scalar(open_grants.where(ProxyGrant.proxy_id == proxy.id)) is not None:
            raise ProxyGrantExists()
        held = session.scalar(select(func.count()).select_from(open_grants.subquery()))
        if (held or 0) >= current_app.config["PROXY_GRANTS_PER_PATIENT"]:
            raise FamilyLimitReached()
        row = ProxyGrant(
            patient_id=patient.id,
            proxy_id=proxy.id,
            may_book=Capability.APPOINTMENTS in data.capabilities,
            may_read_records=Capability.RECORDS in data.capabilities,
            may_message=Capability.MESSAGES in data.capabilities,
        )
        session.add(row)
        session.flush()
        family_emails.grant_event(session, row, "granted")
        return _grant_out(row, {patient.id: patient, proxy.id: proxy})


def accept(proxy: User, grant_id: int) -> ProxyGrantOut:
    """The proxy accepts a pending grant (a no-op when accepted); both are emailed.
    Raises NotFound (not theirs, or revoked)."""
    with transaction() as session:
        row = _open_grant(session, grant_id, ProxyGrant.proxy_id == proxy.id)
        if row.accepted_at is None:
            row.accepted_at = utcnow()
            session.flush()
            family_emails.grant_event(session, row, "accepted")
        return _grant_out(row, _people(session, {row.patient_id, row.proxy_id}))


def revoke(user: User, grant_id: int) -> ProxyGrantOut:
    """Either side ends a grant, at once (the rule reads it on every request); both are
    emailed. Raises NotFound (not theirs, or already revoked)."""
    with transaction() as session:
        side = or_(ProxyGrant.patient_id == user.id, ProxyGrant.proxy_id == user.id)
        row = _open_grant(session, grant_id, side)
        row.revoked_at = utcnow()
        row.revoked_by = user.id
        session.flush()
        family_emails.grant_event(session, row, "revoked")
        return _grant_out(row, _people(session, {row.patient_id, row.proxy_id}))


def invite_dependent(guardian: User, patient_id: int, address: str) -> None:
    """Email the dependent a link to claim their own login (single use, DEPENDENT_INVITE_HOURS;
    a new invitation replaces the last). Raises NotFound (not their dependent),
    DependentClaimed, DependentTooYoung (under DEPENDENT_CLAIM_AGE), EmailTaken."""
    token = secrets.token_urlsafe(CLAIM_TOKEN_BYTES)
    hours = current_app.config["DEPENDENT_INVITE_HOURS"]
    with transaction() as session:
        dependent = session.get(Dependent, patient_id, with_for_update=True)
        if dependent is None or dependent.guardian_id != guardian.id:
            raise NotFound()
        if dependent.claimed_at is not None:
            raise DependentClaimed()
        min_age = int(current_app.config["DEPENDENT_CLAIM_AGE"])
        if age_on(dependent.date_of_birth, utcnow().date()) < min_age:
            raise DependentTooYoung(min_age)
        raise_if_taken(None, address)
        dependent.invite_email = address
        dependent.invite_token_hash = token_digest(token)
        dependent.invite_expires_at = utcnow() + timedelta(hours=hours)
        session.flush()
        family_emails.dependent_invited(session, dependent, token)


def claim(data: DependentClaimBody) -> User:
    """The dependent sets their username and password with the invitation's token: the
    account is theirs (the invited address becomes its email) and the guardian's access
    ends. Raises InvalidClaimToken, ValidationFailed (password), UsernameTaken, EmailTaken."""
    now = utcnow()
    with transaction() as session:
        dependent = session.scalar(
            select(Dependent)
            .where(
                Dependent.invite_token_hash == token_digest(data.token),
                Dependent.claimed_at.is_(None),
                Dependent.invite_expires_at > now,
            )
            .with_for_update()
        )
        if dependent is None or dependent.invite_email is None:
            raise InvalidClaimToken()
        if reason := password_problem(data.password, data.username):
            raise ValidationFailed({"password": reason})
        raise_if_taken(data.username, dependent.invite_email, ignore_id=dependent.patient_id)
        claimed = session.execute(
            update(Dependent)
            .where(Dependent.patient_id == dependent.patient_id, Dependent.claimed_at.is_(None))
            .values(claimed_at=now, invite_token_hash=None)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise InvalidClaimToken()
        user = session.get(User, dependent.patient_id)
        assert user is not None
        user.username = data.username
        user.email = dependent.invite_email
        user.password_hash = hash_password(data.password)
        user.session_epoch += 1
        log.info("dependent claimed their account", extra={"user_id": user.id})
        return user


def age_on(born: date, day: date) -> int:
    """Whole years from `born` to `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _open_grant(session: Session, grant_id: int, side: ColumnElement[bool]) -> ProxyGrant:
    row = session.scalar(
        select(ProxyGrant)
        .where(ProxyGrant.id == grant_id, side, ProxyGrant.revoked_at.is_(None))
        .with_for_update()
    )
    if row is None:
        raise NotFound()
    return row


def _people(session: Session, ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}


def _dependent_out(dependent: Dependent, patient: User) -> DependentOut:
    min_age = int(current_app.config["DEPENDENT_CLAIM_AGE"])
    now = utcnow()
    return DependentOut(
        id=patient.id,
        full_name=patient.full_name,
        date_of_birth=dependent.date_of_birth,
        relationship=dependent.relationship,
        claimed=dependent.claimed_at is not None,
        invited=dependent.claimed_at is None
        and dependent.invite_expires_at is not None
        and dependent.invite_expires_at > now,
        may_invite=dependent.claimed_at is None
        and age_on(dependent.date_of_birth, now.date()) >= min_age,
    )


def _grant_out(row: ProxyGrant, people: dict[int, User]) -> ProxyGrantOut:
    patient, proxy = people[row.patient_id], people[row.proxy_id]
    capabilities = [
        capability
        for capability, on in (
            (Capability.APPOINTMENTS, row.may_book),
            (Capability.RECORDS, row.may_read_records),
            (Capability.MESSAGES, row.may_message),
        )
        if on
    ]
    status = "revoked" if row.revoked_at else "active" if row.accepted_at else "pending"
    return ProxyGrantOut(
        id=row.id,
        patient=Person(id=patient.id, full_name=patient.full_name),
        proxy=Person(id=proxy.id, full_name=proxy.full_name),
        capabilities=capabilities,
        status=status,
        created_at=row.created_at,
        accepted_at=row.accepted_at,
        revoked_at=row.revoked_at,
    )
