"""The manage-link endpoints (API.md "Manage links"): no session, the link is the credential.

No session cookie authorises anything here, so there is no ambient authority for a forged
cross-site request to borrow: CSRF protection is off for this blueprint (SECURITY.md).
The `token` path parameter is logged as the route pattern, never its value.
"""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.throttle import client_address
from clinic360.appointments import manage
from clinic360.appointments.manage_schemas import (
    ManageAlternatives,
    ManageCancelBody,
    ManageRescheduleBody,
    ManageStateOut,
    ManageTokenPath,
)
from clinic360.appointments.schemas import SlotOut
from clinic360.core.http import json_response
from clinic360.core.security import csrf

bp = APIBlueprint("manage", __name__, url_prefix="/api/manage", abp_tags=[Tag(name="manage links")])
csrf.exempt(bp)


def _state(state: manage.ManageState) -> Response:
    response = json_response(ManageStateOut.model_validate(state))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/<token>", responses={200: ManageStateOut}, security=[])
def get_managed(path: ManageTokenPath) -> Response:
    """The appointment of an email link: date, time, doctor, place, status (never the
    reason). 404 for an unknown, altered or expired link; 409 `link_changed` with the
    current state for a link of an older version."""
    return _state(manage.view(path.token, client_address()))


@bp.post("/<token>/confirm", responses={200: ManageStateOut}, security=[])
def confirm_attendance(path: ManageTokenPath) -> Response:
    """The patient confirms they will come (shown on the doctor's agenda)."""
    return _state(manage.confirm_attendance(path.token, client_address()))


@bp.post("/<token>/cancel", responses={200: ManageStateOut}, security=[])
def cancel_managed(path: ManageTokenPath, body: ManageCancelBody) -> Response:
    """Cancel as the patient, with their reason; 409 `cancellation_window_passed` once it
    can no longer be done online."""
    return _state(manage.cancel(path.token, body.reason, client_address()))


@bp.get("/<token>/alternatives", responses={200: ManageAlternatives}, security=[])
def managed_alternatives(path: ManageTokenPath) -> Response:
    """Free times of the same doctor to move to, nearest to the current time first."""
    slots = manage.alternatives(path.token, client_address())
    return json_response([SlotOut(start_time=s.start, end_time=s.end) for s in slots])


@bp.post("/<token>/reschedule", responses={200: ManageStateOut}, security=[])
def reschedule_managed(path: ManageTokenPath, body: ManageRescheduleBody) -> Response:
    """Move to one of the free times (same doctor); 409 `slot_taken` with alternatives."""
    state = manage.reschedule(path.token, body.start_time, body.end_time, client_address())
    return _state(state)
