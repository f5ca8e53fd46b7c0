"""Who may act for which patient: the one family-access rule every path calls.

A patient account acts for a patient when it IS that patient, or is the guardian of a
dependent who has not claimed their own account, or holds an accepted, unrevoked proxy
grant with the capability asked for. Guardians hold every capability. The rule is one SQL
statement (`acted_for`), asked per request inside the caller's transaction and never
cached in the session: a revoked grant or a claimed account refuses the very next request.

Booking and appointment reading/changes ask `APPOINTMENTS`, the records (`records.care`)
`RECORDS`, messages (`messaging.access`) `MESSAGES`.

Denials (`ensure_may_act_for`): a patient the caller never had family access to is 404
`not_found`, like a missing one (no existence oracle). Someone who had access learns why
not: 403 `proxy_capability_missing`, `proxy_not_accepted`, `proxy_revoked`,
`dependent_claimed`.
"""

from __future__ import annotations

import enum
import logging
from typing import NoReturn

from sqlalchemy import CompoundSelect, exists, literal, select, union_all
from sqlalchemy.orm import Session

from clinic360.accounts.errors import (
    DependentClaimed,
    ProxyCapabilityMissing,
    ProxyNotAccepted,
    ProxyRevoked,
)
from clinic360.accounts.family_models import Dependent, ProxyGrant
from clinic360.accounts.models import Role, User
from clinic360.core.errors import NotFound

log = logging.getLogger("clinic360.accounts")


class Capability(enum.StrEnum):
    APPOINTMENTS = "appointments"
    RECORDS = "records"
    MESSAGES = "messages"


_GRANT_COLUMN = {
    Capability.APPOINTMENTS: ProxyGrant.may_book,
    Capability.RECORDS: ProxyGrant.may_read_records,
    Capability.MESSAGES: ProxyGrant.may_message,
}


def acted_for(user_id: int, capability: Capability) -> CompoundSelect[tuple[int]]:
    """The ids of the patients `user_id` may act for with `capability`, themselves included
    (a SELECT to use as `column.in_(acted_for(...))`). THE rule."""
    return union_all(
        select(literal(user_id)),
        select(Dependent.patient_id).where(
            Dependent.guardian_id == user_id, Dependent.claimed_at.is_(None)
        ),
        select(ProxyGrant.patient_id).where(
            ProxyGrant.proxy_id == user_id,
            ProxyGrant.accepted_at.is_not(None),
            ProxyGrant.revoked_at.is_(None),
            _GRANT_COLUMN[capability].is_(True),
        ),
    )


def may_act_for(session: Session, user: User, patient_id: int, capability: Capability) -> bool:
    """`user` (a patient account) may act for patient `patient_id` with `capability` now."""
    if user.role != Role.PATIENT.value:
        return False
    if user.id == patient_id:
        return True
    ids = acted_for(user.id, capability).subquery()
    return bool(session.scalar(select(exists().where(ids.c[0] == patient_id))))


def ensure_may_act_for(
    session: Session, user: User, patient_id: int, capability: Capability
) -> User:
    """The patient `user` acts for (`user` themselves for their own id).

    Raises NotFound (no family access ever, or no such patient), ProxyCapabilityMissing,
    ProxyNotAccepted, ProxyRevoked or DependentClaimed."""
    if may_act_for(session, user, patient_id, capability):
        patient = session.get(User, patient_id)
        if patient is not None and patient.role == Role.PATIENT.value:
            return patient
    _explain(session, user, patient_id)


def _explain(session: Session, user: User, patient_id: int) -> NoReturn:
    log.warning(
        "family access denied",
        extra={"actor_id": user.id, "actor_role": user.role, "patient_id": patient_id},
    )
    if user.role == Role.PATIENT.value:
        dependent = session.get(Dependent, patient_id)
        if dependent is not None and dependent.guardian_id == user.id:
            raise DependentClaimed()  # the only way a guardian loses access
        grant = session.scalar(
            select(ProxyGrant)
            .where(ProxyGrant.patient_id == patient_id, ProxyGrant.proxy_id == user.id)
            .order_by(ProxyGrant.revoked_at.is_(None).desc(), ProxyGrant.id.desc())
            .limit(1)
        )
        if grant is not None:
            if grant.revoked_at is not None:
                raise ProxyRevoked()
            if grant.accepted_at is None:
                raise ProxyNotAccepted()
            raise ProxyCapabilityMissing()
    raise NotFound()


def guardian_of(session: Session, patient_id: int) -> int | None:
    """The guardian of an unclaimed dependent (emails about them go there), else None."""
    return session.scalar(
        select(Dependent.guardian_id).where(
            Dependent.patient_id == patient_id, Dependent.claimed_at.is_(None)
        )
    )
