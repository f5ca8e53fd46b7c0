"""Waitlist endpoints (API.md "Waiting list"): validate, authorise, call one service,
serialise. `/api/waitlist…` is the signed-in patient's; `/api/claim/<token>…` is a claim
link's, no session: the link is the credential (CSRF off for that blueprint, as manage
links; the token is logged as the route pattern, never its value)."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.accounts.throttle import client_address
from clinic360.core.http import json_response, no_content
from clinic360.core.security import csrf
from clinic360.waitlist import claims, entries
from clinic360.waitlist.schemas import (
    ClaimOut,
    ClaimTokenPath,
    EntryPath,
    WaitlistEntryList,
    WaitlistEntryOut,
    WaitlistJoin,
    WaitlistQuery,
)

bp = APIBlueprint("waitlist", __name__, url_prefix="/api/waitlist", abp_tags=[Tag(name="waitlist")])
claim_bp = APIBlueprint(
    "claim", __name__, url_prefix="/api/claim", abp_tags=[Tag(name="waitlist claims")]
)
csrf.exempt(claim_bp)


@bp.get("", responses={200: WaitlistEntryList})
def list_entries(query: WaitlistQuery) -> Response:
    """The patient's waiting entries (or, with `patientId`, those of a patient they act for
    with `appointments`), in joining order."""
    items = entries.list_own(require_user(Role.PATIENT), query.patient_id)
    return json_response(items)


@bp.post("", responses={201: WaitlistEntryOut})
def join_waitlist(body: WaitlistJoin) -> Response:
    """Join the waiting list for a doctor (and visit type) or a specialization, a date range
    and parts of the day, for the caller or (`patientId`) a patient they act for. 422
    `waitlist_limit_reached` beyond the setting (per patient)."""
    return json_response(entries.join(require_user(Role.PATIENT), body), 201)


@bp.delete("/<int:id>", responses={204: None})
def leave_waitlist(path: EntryPath) -> Response:
    """Leave one entry (the caller's or of a patient they act for with `appointments`); 404
    for anyone else's (or one no longer waiting)."""
    entries.leave(require_user(Role.PATIENT), path.id)
    return no_content()


def _claim_state(state: claims.ClaimState) -> Response:
    response = json_response(ClaimOut.model_validate(state, from_attributes=True))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@claim_bp.get("/<token>", responses={200: ClaimOut}, security=[])
def view_offer(path: ClaimTokenPath) -> Response:
    """The offer of a claim link: time, doctor, whether it is still open. 404 for an
    unknown, altered or expired link."""
    return _claim_state(claims.view(path.token, client_address()))


@claim_bp.post("/<token>", responses={200: ClaimOut}, security=[])
def claim_offer(path: ClaimTokenPath) -> Response:
    """Claim the offered time: books it for the link's patient. 409 `offer_taken` when
    someone was quicker (the patient stays on the list)."""
    return _claim_state(claims.claim(path.token, client_address()))
