"""Writing the access log (reading it: `reading.py`).

`record_access` is called by every service that reads or writes PHI, inside that service's
transaction and before the PHI leaves it. When the insert fails, it raises AuditUnavailable
(503) and the whole transaction rolls back: no audit row, no PHI (fail closed).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import g, has_request_context
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.audit.errors import AuditUnavailable
from clinic360.audit.models import AccessEvent, AuditAction

log = logging.getLogger("clinic360.audit")


def record_access(
    session: Session,
    actor: User,
    action: AuditAction,
    patient_ids: Iterable[int],
    record_id: int | None = None,
) -> None:
    """Add one access-log row per patient to the caller's transaction and flush it.

    A patient account touching another patient's data can only do so through family access
    (`accounts.family`: a guardian or proxy), so such a row names the patient the actor
    acted on behalf of ("X on behalf of Y"). Under `/fhir/R4` the row also names the app
    whose bearer token made the request.

    Raises AuditUnavailable when the database refuses the rows.
    """
    request_id = g.get("request_id") if has_request_context() else None
    # A `/fhir/R4` request carries the bearer token's access (`oauth.bearer.Access`).
    app = getattr(g.get("fhir_access"), "app_name", None) if has_request_context() else None
    actor_id, actor_role = actor.id, actor.role  # a failed flush expires the ORM objects
    for_family = actor_role == Role.PATIENT.value
    rows = [
        AccessEvent(
            actor_id=actor_id,
            actor_role=actor_role,
            patient_id=patient_id,
            action=action.value,
            record_id=record_id,
            request_id=request_id,
            on_behalf_of_id=patient_id if for_family and patient_id != actor_id else None,
            app=app,
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
