"""Bodies of the staff endpoints: creating staff, the front desk's patient search and walk-in
registration, claiming an invited account."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, RootModel, StringConstraints

from clinic360.accounts.schemas import (
    DateOfBirth,
    Email,
    FullName,
    PhoneInput,
    SubmittedPassword,
    TimeZoneName,
    Username,
)
from clinic360.core.schemas import ApiModel, Id, Page, UtcInstant

StaffRole = Literal["receptionist", "manager"]


class StaffCreateBody(ApiModel):
    """A staff account; its owner gets an invitation email to set a password."""

    role: StaffRole
    username: Username
    email: Email
    full_name: FullName
    timezone: TimeZoneName = "UTC"


class PatientSearchQuery(Page):
    q: Annotated[str, StringConstraints(min_length=2, max_length=100)] = Field(
        description="What the front desk typed: a date (`1980-04-02`) matches the date of "
        "birth, a phone number (`+49 151…`, or digits) the mobile number, text with `@` the "
        "email address from its start, anything else the start of any word of the name "
        "(ignoring case).",
    )


class PatientCard(ApiModel):
    """A patient as the front desk sees them: who, and how to reach them. No clinical data."""

    id: int
    username: str
    full_name: str
    email: str
    date_of_birth: date | None
    mobile_phone: str | None
    claimed: bool = Field(description="The patient has set a password (claimed the account).")
    created_at: UtcInstant


class PatientCardList(RootModel[list[PatientCard]]):
    pass


class WalkInBody(ApiModel):
    """A patient registered by the front desk (walk-in or phone), without a password."""

    full_name: FullName
    email: Email
    date_of_birth: DateOfBirth
    mobile_phone: PhoneInput | None = None
    username: Username | None = Field(
        default=None,
        description="Default: made from the email address; the patient may "
        "change it when claiming the account.",
    )
    timezone: TimeZoneName = "UTC"
    confirm_duplicate: bool = Field(
        default=False,
        description="Register even though patients with the same name and date of birth "
        "exist (the first answer, 409 `possible_duplicate`, lists them in `duplicates`).",
    )


class PatientPath(ApiModel):
    id: Id


class ClaimBody(ApiModel):
    token: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    password: SubmittedPassword
    username: Username | None = Field(default=None, description="A new username (optional).")
