"""Accounts endpoints: register, login, logout, profile, passwords, doctor approval."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts import mfa, service, specializations
from clinic360.accounts.current import (
    begin_mfa_login,
    login_user,
    logout_user,
    pending_mfa_user,
    require_user,
)
from clinic360.accounts.models import Role, Specialization
from clinic360.accounts.schemas import (
    Accepted,
    ChangePasswordBody,
    DoctorListQuery,
    DoctorPath,
    LoginBody,
    LoginResult,
    MfaChallenge,
    MfaConfirmBody,
    MfaLoginBody,
    MfaSetupOut,
    RecoveryCodesOut,
    RegisterBody,
    ResetConfirmBody,
    ResetRequestBody,
    SpecializationAdminList,
    SpecializationAdminOut,
    SpecializationBody,
    SpecializationList,
    SpecializationOut,
    SpecializationPath,
    SpecializationUpdateBody,
    SuspendBody,
    UpdateUserBody,
    UserList,
    UserOut,
)
from clinic360.accounts.throttle import client_address, current_client
from clinic360.core.http import json_response, no_content

bp = APIBlueprint("accounts", __name__, url_prefix="/api", abp_tags=[Tag(name="accounts")])
admin_bp = APIBlueprint(
    "accounts_admin", __name__, url_prefix="/api/admin", abp_tags=[Tag(name="admin")]
)

RESET_ACCEPTED = Accepted(
    detail="If this address belongs to an account, a reset link is on its way."
)


@bp.post("/register", responses={201: UserOut})
def register(body: RegisterBody) -> Response:
    """Create a patient or doctor account and log it in."""
    user = service.register(body, client_address())
    login_user(user)
    return json_response(UserOut.model_validate(user), 201)


@bp.post("/login", responses={200: LoginResult})
def login(body: LoginBody) -> Response:
    """Log in with the username or the email address, and the password (401
    `invalid_credentials` for an unknown account or a wrong password alike).

    Without two-factor sign-in the answer is the user. With it, the answer is
    `{"mfaRequired": true}` and nobody is logged in yet: send the code to /api/login/mfa.
    """
    user = service.authenticate(body.username, body.password, current_client())
    if user.mfa_enabled:
        begin_mfa_login(user)
        return json_response(MfaChallenge(mfa_required=True))
    login_user(user)
    return json_response(UserOut.model_validate(user))


@bp.post("/login/mfa", responses={200: UserOut})
def login_mfa(body: MfaLoginBody) -> Response:
    """Second login step: `{code}` from the authenticator app or one `{recoveryCode}`.

    401 `invalid_mfa_code` (wrong, reused, expired), 401 `mfa_login_expired` (no password
    step in this session within MFA_LOGIN_MINUTES), 429 after 5 wrong codes.
    """
    user = pending_mfa_user()
    mfa.verify_login_code(user, body.code, body.recovery_code)
    login_user(user)
    return json_response(UserOut.model_validate(user))


@bp.post("/user/mfa/setup", responses={200: MfaSetupOut})
def mfa_setup() -> Response:
    """Start (or restart) enrolment: a new secret, its otpauth URI and QR code (SVG).

    Two-factor sign-in is on only after POST /api/user/mfa/confirm. 409
    `mfa_already_enabled` if already on. Every other endpoint but GET/PUT /api/user, logout
    and this pair answers 403 `mfa_enrolment_required` to a user whose role must enrol
    (MFA_REQUIRED_ROLES) until they have.
    """
    secret, uri, qr = mfa.start_enrolment(require_user())
    return json_response(MfaSetupOut(secret=secret, otpauth_uri=uri, qr_code=qr))


@bp.post("/user/mfa/confirm", responses={200: RecoveryCodesOut})
def mfa_confirm(body: MfaConfirmBody) -> Response:
    """Confirm enrolment with a first code: two-factor sign-in is on, other sessions end,
    and the answer holds 10 single-use recovery codes (shown this once).

    422 `errors.code` (wrong, expired or reused code), 409 `mfa_not_started` (no setup
    first) or `mfa_already_enabled`, 429 after 5 wrong codes.
    """
    user, codes = mfa.confirm_enrolment(require_user(), body.code)
    login_user(user)
    return json_response(RecoveryCodesOut(recovery_codes=codes))


@bp.post("/logout", responses={204: None})
def logout() -> Response:
    """End the session server-side and expire the cookie."""
    require_user()
    logout_user()
    response = no_content()
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.get("/user", responses={200: UserOut})
def get_user() -> Response:
    """The logged-in user."""
    return json_response(UserOut.model_validate(require_user()))


@bp.put("/user", responses={200: UserOut})
def update_user(body: UpdateUserBody) -> Response:
    """Edit the profile; changing `email` needs `currentPassword`."""
    user = service.update_profile(require_user(), body)
    return json_response(UserOut.model_validate(user))


@bp.post("/user/password", responses={204: None})
def change_password(body: ChangePasswordBody) -> Response:
    """Change the password; every other session ends, this one gets a new id."""
    user = service.change_password(require_user(), body.current_password, body.new_password)
    login_user(user)
    return no_content()


@bp.post("/password-reset", responses={202: Accepted})
def request_password_reset(body: ResetRequestBody) -> Response:
    """Email a reset link if the address is known; the answer is the same either way."""
    service.request_password_reset(str(body.email), current_client())
    return json_response(RESET_ACCEPTED, 202)


@bp.post("/password-reset/confirm", responses={204: None})
def confirm_password_reset(body: ResetConfirmBody) -> Response:
    """Set a new password with the emailed token (single use); every session ends."""
    service.confirm_password_reset(body.token, body.new_password)
    return no_content()


@admin_bp.get("/doctors", responses={200: UserList})
def list_doctors(query: DoctorListQuery) -> Response:
    """Doctors, e.g. `?approved=false` for those waiting for approval (and suspended ones)."""
    require_user(Role.ADMIN)
    doctors, total = service.list_doctors(query.approved, query.limit, query.offset)
    return json_response([UserOut.model_validate(d) for d in doctors], total=total)


@admin_bp.post("/doctors/<int:id>/approve", responses={200: UserOut})
def approve_doctor(path: DoctorPath) -> Response:
    """Approve (or reinstate) a doctor; they are emailed."""
    admin = require_user(Role.ADMIN)
    return json_response(UserOut.model_validate(service.approve_doctor(path.id, admin)))


@admin_bp.post("/doctors/<int:id>/suspend", responses={200: UserOut})
def suspend_doctor(path: DoctorPath, body: SuspendBody) -> Response:
    """Suspend a doctor: their sessions end, they cannot log in, they leave search."""
    admin = require_user(Role.ADMIN)
    return json_response(
        UserOut.model_validate(service.suspend_doctor(path.id, body.reason, admin))
    )


@bp.get("/specializations", responses={200: SpecializationList})
def list_specializations() -> Response:
    """The clinic's specializations doctors may pick and patients filter by (retired ones
    left out), by name; no login needed (registration uses it)."""
    entries = specializations.active()
    return json_response([SpecializationOut.model_validate(e) for e in entries], total=len(entries))


def _admin_out(entry: Specialization, doctor_count: int) -> SpecializationAdminOut:
    return SpecializationAdminOut(
        id=entry.id, name=entry.name, active=entry.active, doctor_count=doctor_count
    )


@admin_bp.get("/specializations", responses={200: SpecializationAdminList})
def admin_list_specializations() -> Response:
    """Every specialization, retired ones too, with how many doctors have each."""
    require_user(Role.ADMIN)
    body = [_admin_out(entry, count) for entry, count in specializations.listing()]
    return json_response(body, total=len(body))


@admin_bp.post("/specializations", responses={201: SpecializationAdminOut})
def create_specialization(body: SpecializationBody) -> Response:
    """Add a specialization (409 `specialization_taken` for a name the list has, ignoring
    case)."""
    entry = specializations.create(body.name, require_user(Role.ADMIN))
    return json_response(_admin_out(entry, 0), 201)


@admin_bp.put("/specializations/<int:id>", responses={200: SpecializationAdminOut})
def update_specialization(path: SpecializationPath, body: SpecializationUpdateBody) -> Response:
    """Rename (`name`), retire (`active: false`: no longer offered; doctors who have it keep
    it) or reinstate (`active: true`) a specialization."""
    admin = require_user(Role.ADMIN)
    entry, count = specializations.update_entry(path.id, body.name, body.active, admin)
    return json_response(_admin_out(entry, count))
