"""Access-log endpoints: a patient reads who read or wrote their data. Read-only by design."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag
from pydantic import Field

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.audit import reading
from clinic360.audit.schemas import AccessEventList, AccessGroupList, TrailEventList
from clinic360.core.http import json_response
from clinic360.core.schemas import Id, Page

bp = APIBlueprint("audit", __name__, url_prefix="/api", abp_tags=[Tag(name="audit")])


class AccessLogQuery(Page):
    patient_id: Id | None = Field(
        default=None,
        description="The log of a patient the caller acts for with `records` (a dependent, "
        "or a proxy grant with `records`); default the caller's own. That read is itself in "
        "the patient's log (`access_log.read`). 404 for anyone else, 403 "
        "`proxy_capability_missing` / `proxy_revoked` / `dependent_claimed` when the "
        "caller's family access does not cover it.",
    )


@bp.get("/access-log", responses={200: AccessEventList})
def access_log(query: AccessLogQuery) -> Response:
    """Every read and write of the caller's records (or, with `patientId`, of a patient they
    act for with `records`), newest first (patients only; others 403)."""
    reader = require_user(Role.PATIENT)
    events, total = reading.events_for_patient(reader, query.limit, query.offset, query.patient_id)
    return json_response(events, total=total)


@bp.get("/access-log/groups", responses={200: AccessGroupList})
def access_log_groups(query: AccessLogQuery) -> Response:
    """The same log grouped: one person's consecutive accesses, each within
    ACCESS_LOG_GROUP_MINUTES of the previous, are one group; newest group first.

    `limit`/`offset` count groups and X-Total-Count is the number of groups; a group is never
    split between pages. `patientId` as GET /api/access-log. Patients only (others 403).
    """
    reader = require_user(Role.PATIENT)
    groups, total = reading.groups_for_patient(reader, query.limit, query.offset, query.patient_id)
    return json_response(groups, total=total)


class TrailQuery(Page):
    actor_id: Id | None = None
    patient_id: Id | None = None


@bp.get("/audit/events", responses={200: TrailEventList})
def audit_trail(query: TrailQuery) -> Response:
    """The clinic's audit trail (managers and admins): every access-log row, newest first,
    optionally one actor's (`actorId`) or one patient's (`patientId`); who, whose, what,
    when, never the content. Total in X-Total-Count."""
    require_user(Role.MANAGER, Role.ADMIN)
    events, total = reading.trail(query.limit, query.offset, query.actor_id, query.patient_id)
    return json_response(events, total=total)
