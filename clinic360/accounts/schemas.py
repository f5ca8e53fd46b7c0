"""Request and response bodies of the accounts API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from zoneinfo import available_timezones

from pydantic import (
    AfterValidator,
    BeforeValidator,
    EmailStr,
    Field,
    RootModel,
    StrictBool,
    StringConstraints,
    model_validator,
)

from clinic360.accounts.models import (
    MAX_ADDRESS_LENGTH,
    MAX_APPOINTMENT_MINUTES,
    MAX_BIO_LENGTH,
    MAX_LANGUAGES,
    MIN_SLOT_MINUTES,
    Role,
    specialization_name,
)
from clinic360.core.schemas import (
    ApiModel,
    Id,
    MultiLineText,
    Page,
    SingleLineText,
    UtcInstant,
)

_TIMEZONES = frozenset(available_timezones())


def _known_timezone(value: str) -> str:
    if value not in _TIMEZONES:
        raise ValueError("must be an IANA time zone name, e.g. Europe/Berlin")
    return value


Username = Annotated[
    str, StringConstraints(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9._-]+$")
]
FullName = Annotated[SingleLineText, StringConstraints(min_length=1, max_length=100)]


def _specialization_name(value: str) -> str:
    value = specialization_name(value)
    if not value:
        raise ValueError("must not be blank")
    if len(value) > 100:
        raise ValueError("must be at most 100 characters")
    return value


SpecializationName = Annotated[
    SingleLineText, StringConstraints(max_length=1000), AfterValidator(_specialization_name)
]
"""A specialization's name: trimmed, inner spaces collapsed, 1–100 characters."""
TimeZoneName = Annotated[str, AfterValidator(_known_timezone)]
Email = Annotated[EmailStr, StringConstraints(max_length=254)]
Address = Annotated[SingleLineText, StringConstraints(max_length=MAX_ADDRESS_LENGTH)]
"""Where a doctor sees patients in person (one line: it goes into ICS `LOCATION`)."""
Bio = Annotated[MultiLineText, StringConstraints(max_length=MAX_BIO_LENGTH)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]
"""A language as ISO 639 (`en`, `fr`, `yue`), optionally with a region (`pt-BR`)."""
Languages = Annotated[list[LanguageCode], Field(max_length=MAX_LANGUAGES)]
PhoneInput = Annotated[str, StringConstraints(max_length=40)]
"""A mobile number as typed: with `+` and country code or in PHONE_DEFAULT_REGION."""


def _plausible_birth_date(value: date) -> date:
    if not date(1900, 1, 1) <= value <= date.today():
        raise ValueError("must be a past date after 1900-01-01")
    return value


DateOfBirth = Annotated[date, AfterValidator(_plausible_birth_date)]


def stored_languages(codes: list[str] | None) -> str | None:
    """The column form of a language list: comma-separated, duplicates dropped; None empty."""
    unique = list(dict.fromkeys(codes or []))
    return ",".join(unique) or None


def _language_list(value: object) -> object:
    """The wire form of the column: a list (empty when none)."""
    if value is None:
        return []
    return value.split(",") if isinstance(value, str) else value


LanguageList = Annotated[list[str], BeforeValidator(_language_list)]


class _PicksSpecialization(ApiModel):
    """A doctor's specialization from the clinic's list: by name or by id, not both."""

    specialization: SpecializationName | None = Field(
        default=None,
        description="The name of an entry of GET /api/specializations (ignoring case).",
    )
    specialization_id: Id | None = Field(
        default=None, description="The id of an entry of GET /api/specializations."
    )

    @model_validator(mode="after")
    def _one_way(self) -> _PicksSpecialization:
        if self.specialization is not None and self.specialization_id is not None:
            raise ValueError("give either specialization or specializationId, not both")
        return self

    @property
    def specialization_choice(self) -> int | str | None:
        return self.specialization_id if self.specialization_id is not None else self.specialization


class RegisterBody(_PicksSpecialization):
    username: Username
    password: str = Field(max_length=1024)
    email: Email
    full_name: FullName
    role: Literal["patient", "doctor"]
    timezone: TimeZoneName = "UTC"
    slot_minutes: int | None = Field(default=None, ge=MIN_SLOT_MINUTES, le=MAX_APPOINTMENT_MINUTES)
    date_of_birth: DateOfBirth | None = Field(default=None, description="Patients only.")
    mobile_phone: PhoneInput | None = Field(
        default=None, description="Patients only: a mobile number (see PUT /api/user)."
    )


class LoginBody(ApiModel):
    """No length rules here: any wrong input is the same 401 (the body size is capped)."""

    username: str = Field(
        description="The username or the email address (an '@' makes it an email address, "
        "compared ignoring case)."
    )
    password: str


class ReminderStepOut(ApiModel):
    step: str = Field(description="The step's name, e.g. `7d`, `24h`, `2h`.")
    minutes: int = Field(description="How long before the start it goes out.")
    enabled: bool


ReminderStepName = Annotated[str, StringConstraints(min_length=2, max_length=8)]


class UserOut(ApiModel):
    id: int
    username: str
    email: str
    full_name: str
    role: Role
    specialization: str | None = Field(description="The name of the doctor's specialization.")
    specialization_id: int | None
    timezone: str
    approved: bool
    slot_minutes: int | None
    address: str | None = Field(description="Doctors: where in-person visits take place.")
    languages: LanguageList = Field(description="Doctors: languages spoken (codes).")
    bio: str | None = Field(description="Doctors: a short presentation.")
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
    reminder_steps: list[ReminderStepOut] = Field(
        description="The clinic's reminder steps (REMINDER_SCHEDULE), longest first, and "
        "whether this user gets each one."
    )
    mobile_phone: str | None = Field(
        description="Patients: their mobile number in E.164 (e.g. `+4915123456789`)."
    )
    sms_reminders: bool = Field(
        description="Patients: reminders also go as a text message to `mobilePhone`."
    )
    date_of_birth: date | None = Field(description="Patients: their date of birth.")
    created_at: UtcInstant


class UserList(RootModel[list[UserOut]]):
    pass


SlotMinutes = Annotated[int, Field(ge=MIN_SLOT_MINUTES, le=MAX_APPOINTMENT_MINUTES)]
SubmittedPassword = Annotated[str, Field(max_length=1024)]
"""A password as typed; the rules (8–128 characters, …) are checked by the service."""


class UpdateUserBody(_PicksSpecialization):
    """Profile changes; absent fields stay as they are. Role, id, username are not here."""

    full_name: FullName | None = None
    email: Email | None = None
    current_password: SubmittedPassword | None = None
    timezone: TimeZoneName | None = None
    slot_minutes: SlotMinutes | None = Field(
        default=None, description="Doctors: the length (and grid) of their default visit type."
    )
    address: Address | None = Field(default=None, description="Doctors only; empty clears it.")
    languages: Languages | None = Field(default=None, description="Doctors only.")
    bio: Bio | None = Field(default=None, description="Doctors only; empty clears it.")
    reminder_steps_off: list[ReminderStepName] | None = Field(
        default=None,
        max_length=10,
        description="The reminder steps (names from `reminderSteps`) the user does not want; "
        "replaces the earlier choice. Confirmations and other transactional emails always go.",
    )
    accepts_messages: bool | None = Field(default=None, description="Doctors only.")
    message_digest: bool | None = Field(default=None, description="Doctors only.")
    date_of_birth: DateOfBirth | None = Field(default=None, description="Patients only.")
    mobile_phone: PhoneInput | None = Field(
        default=None,
        description="Patients only: a mobile number, with `+` and country code or in "
        "`PHONE_DEFAULT_REGION`; stored in E.164 (422 `invalid_phone` otherwise). Empty "
        "clears it and turns SMS reminders off.",
    )
    sms_reminders: bool | None = Field(
        default=None,
        description="Patients only: also send reminders by text message (needs a mobile number).",
    )


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


class SpecializationOut(ApiModel):
    id: int
    name: str
    active: bool = Field(description="Offered to doctors and in the search filter.")


class SpecializationList(RootModel[list[SpecializationOut]]):
    pass


class SpecializationAdminOut(SpecializationOut):
    doctor_count: int = Field(description="How many doctors have this specialization.")


class SpecializationAdminList(RootModel[list[SpecializationAdminOut]]):
    pass


class SpecializationBody(ApiModel):
    name: SpecializationName


class SpecializationUpdateBody(ApiModel):
    """Rename (`name`), retire (`active: false`) or reinstate (`active: true`)."""

    name: SpecializationName | None = None
    active: StrictBool | None = None


class SpecializationPath(ApiModel):
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
