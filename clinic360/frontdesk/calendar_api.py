"""`GET /api/calendar`: the multi-doctor time grid of the front desk and a doctor's agenda."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.core.http import json_response
from clinic360.frontdesk import calendar
from clinic360.frontdesk.calendar_schemas import CalendarOut, CalendarQuery

bp = APIBlueprint("calendar", __name__, url_prefix="/api", abp_tags=[Tag(name="calendar")])


@bp.get("/calendar", responses={200: CalendarOut})
def view(query: CalendarQuery) -> Response:
    """Per doctor in view: opening windows, time off and appointment blocks of [from, to)
    (at most CALENDAR_MAX_DAYS). Receptionists and admins: any doctors (`doctorIds`,
    `specializationId`; at most CALENDAR_MAX_DOCTORS, the number matched in X-Total-Count);
    a doctor: only themself (404 for another id). No reasons, no clinical content."""
    viewer = require_user(Role.RECEPTIONIST, Role.ADMIN, Role.DOCTOR)
    out, total = calendar.calendar(viewer, query)
    return json_response(out, total=total)
