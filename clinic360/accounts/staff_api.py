"""Staff accounts (an admin creates receptionists and managers) and claiming an invited
account (a walk-in patient or a new staff member sets their password)."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts import invitations, staff
from clinic360.accounts.current import login_user, require_user
from clinic360.accounts.models import Role
from clinic360.accounts.schemas import UserOut
from clinic360.accounts.staff_schemas import ClaimBody, StaffCreateBody
from clinic360.core.http import json_response

bp = APIBlueprint("staff", __name__, url_prefix="/api", abp_tags=[Tag(name="accounts")])


@bp.post("/admin/staff", responses={201: UserOut})
def create_staff(body: StaffCreateBody) -> Response:
    """Create a receptionist or a manager (admins only). The account has no password yet:
    its owner is emailed an invitation to set one (valid INVITATION_HOURS). 409
    `username_taken` / `email_taken`."""
    admin = require_user(Role.ADMIN)
    return json_response(UserOut.model_validate(staff.create_staff(body, admin)), 201)


@bp.post("/invitations/claim", responses={200: UserOut}, security=[])
def claim_invitation(body: ClaimBody) -> Response:
    """Claim an account from the invitation email's link: set a password (and optionally a
    new username); the link is used up and the caller is logged in (staff then enrol in
    two-factor sign-in). 400 `invalid_invitation` for an unknown, used or expired link."""
    user = invitations.claim(body.token, body.password, body.username)
    login_user(user)
    return json_response(UserOut.model_validate(user))
