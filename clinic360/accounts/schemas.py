"""Request and response bodies of the accounts API."""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import available_timezones

from pydantic import AfterValidator, EmailStr, Field, RootModel, StringConstraints

from clinic360.accounts.models import MAX_APPOINTMENT_MINUTES, MIN_SLOT_MINUTES, Role
from clinic360.core.schemas import ApiModel, Id, Page, SingleLineText, UtcInstant

_TIMEZONES = frozenset(available_timezones())


def _known_timezone(value: str) -> str:
    if value not in _TIMEZONES:
        raise ValueError("must be an IANA time zone name, e.g. Europe/Berlin")
    return value


Username = Annotated[
    str, StringConstraints(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9._-]+$")
]
FullName = Annotated[SingleLineText, StringConstraints(min_length=1, max_length=100)]
Specialization = Annotated[SingleLineText, StringConstraints(min_length=1, max_length=100)]
TimeZoneName = Annotated[str, AfterValidator(_known_timezone)]
Email = Annotated[EmailStr, StringConstraints(max_length=254)]


class RegisterBody(ApiModel):
    username: Username
    password: str = Field(max_length=1024)
    email: Email
    full_name: FullName
    role: Literal["patient", "doctor"]
    specialization: Specialization | None = None
    timezone: TimeZoneName = "UTC"
    slot_minutes: int | None = Field(default=None, ge=MIN_SLOT_MINUTES, le=MAX_APPOINTMENT_MINUTES)


class LoginBody(ApiModel):
    """No length rules here: any wrong input is the same 401 (the body size is capped)."""

    username: str = Field(
        description="The username or the email address (an '@' makes it an email address, "
        "compared ignoring case)."
    )
    password: str


class UserOut(ApiModel):
    id: int
    username: str
    email: str
    full_name: str
    role: Role
    specialization: str | None
    timezone: str
    approved: bool
    slot_minutes: int | None
    accepts_messages: bool = Field(
        description="Doctor: patients in their care may write to them (off by default)."
    )
    message_digest: bool = Field(
        description="Doctor: new messages are emailed as one daily digest (at "
        "`MESSAGE_DIGEST_HOUR` on their clock) instead of one email each."
    )
    suspended: bool
    mfa_enabled: bool = Field(description="Two-factor sign-in (TOTP) is on for this account.")
    mfa_required: bool = Field(
        description="The role must use two-factor sign-in (`MFA_REQUIRED_ROLES`); until "
        "`mfaEnabled`, only the profile and the enrolment endpoints answer (403 "
        "`mfa_enrolment_required`)."
    )
    created_at: UtcInstant


class UserList(RootModel[list[UserOut]]):
    pass


SlotMinutes = Annotated[int, Field(ge=MIN_SLOT_MINUTES, le=MAX_APPOINTMENT_MINUTES)]
SubmittedPassword = Annotated[str, Field(max_length=1024)]
"""A password as typed; the rules (8–128 characters, …) are checked by the service."""


class UpdateUserBody(ApiModel):
    """Profile changes; absent fields stay as they are. Role, id, username are not here."""

    full_name: FullName | None = None
    email: Email | None = None
    current_password: SubmittedPassword | None = None
    timezone: TimeZoneName | None = None
    specialization: Specialization | None = None
    slot_minutes: SlotMinutes | None = None
    accepts_messages: bool | None = Field(default=None, description="Doctors only.")
    message_digest: bool | None = Field(default=None, description="Doctors only.")


class ChangePasswordBody(ApiModel):
    current_password: SubmittedPassword
    new_password: SubmittedPassword


class ResetRequestBody(ApiModel):
    email: Email


class ResetConfirmBody(ApiModel):
    token: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    new_password: SubmittedPassword


class Accepted(ApiModel):
    detail: str


class DoctorListQuery(Page):
    approved: bool | None = None


class DoctorPath(ApiModel):
    id: Id


class SuspendBody(ApiModel):
    reason: Annotated[SingleLineText, StringConstraints(min_length=1, max_length=500)]


# --- two-factor sign-in (TOTP) ---------------------------------------------------------

OneTimeCode = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class MfaChallenge(ApiModel):
    """POST /api/login's answer when the account has two-factor sign-in: no session yet."""

    mfa_required: Literal[True] = Field(
        description="Send the code (or a recovery code) to POST /api/login/mfa."
    )


class LoginResult(RootModel[UserOut | MfaChallenge]):
    """The user (logged in), or the challenge for the second step."""


class MfaLoginBody(ApiModel):
    """Exactly one of `code` (6 digits from the app) and `recoveryCode`."""

    code: OneTimeCode | None = None
    recovery_code: OneTimeCode | None = None


class MfaSetupOut(ApiModel):
    secret: str = Field(description="Base32 secret, for typing into the app by hand.")
    otpauth_uri: str = Field(description="`otpauth://totp/...` URI the QR code encodes.")
    qr_code: str = Field(description="The URI as a QR code, `data:image/svg+xml;base64,...`.")


class MfaConfirmBody(ApiModel):
    code: OneTimeCode


class RecoveryCodesOut(ApiModel):
    recovery_codes: list[str] = Field(
        description="Single-use codes, shown this once; only their hashes are stored."
    )
