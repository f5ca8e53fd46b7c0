"""Writing and reading the access log.

`record_access` is called by every service that reads or writes PHI, inside that service's
transaction and before the PHI leaves it. When the insert fails, it raises AuditUnavailable
(503) and the whole transaction rolls back: no audit row, no PHI (fail closed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import g, has_request_context
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.audit.errors import AuditUnavailable
from clinic360.audit.models import AccessEvent, AuditAction
from clinic360.audit.schemas import AccessEventOut, Actor
from clinic360.core.db import transaction

log = logging.getLogger("clinic360.audit")


def record_access(
    session: Session,
    actor: User,
    action: AuditAction,
    patient_ids: Iterable[int],
    record_id: int | None = None,
) -> None:
    """Add one access-log row per patient to the caller's transaction and flush it.

    Raises AuditUnavailable when the database refuses the rows.
    """
    request_id = g.get("request_id") if has_request_context() else None
    actor_id, actor_role = actor.id, actor.role  # a failed flush expires the ORM objects
    rows = [
        AccessEvent(
            actor_id=actor_id,
            actor_role=actor_role,
            patient_id=patient_id,
            action=action.value,
            record_id=record_id,
            request_id=request_id,
        )
        for patient_id in patient_ids
    ]
    if not rows:
        return
    try:
        session.add_all(rows)
        session.flush()
    except SQLAlchemyError as exc:
        log.error(
            "audit write failed",
            extra={"action": action.value, "actor_id": actor_id, "error_class": type(exc).__name__},
        )
        raise AuditUnavailable() from None


def events_for_patient(patient: User, limit: int, offset: int) -> tuple[list[AccessEventOut], int]:
    """The access log of `patient`'s data, newest first, and the total count."""
    with transaction(write=False) as session:
        total = session.scalar(
            select(func.count())
            .select_from(AccessEvent)
            .where(AccessEvent.patient_id == patient.id)
        )
        rows = session.execute(
            select(AccessEvent, User.full_name)
            .join(User, User.id == AccessEvent.actor_id)
            .where(AccessEvent.patient_id == patient.id)
            .order_by(AccessEvent.at.desc(), AccessEvent.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    events = [
        AccessEventOut(
            at=event.at,
            actor=Actor(id=event.actor_id, full_name=full_name, role=event.actor_role),
            action=event.action,
            record_id=event.record_id,
        )
        for event, full_name in rows
    ]
    return events, total or 0
