"""Bodies of the family-access API (`/api/family`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, RootModel, StringConstraints, field_validator

from clinic360.accounts.family import Capability
from clinic360.accounts.family_models import Relationship
from clinic360.accounts.schemas import Email, FullName, Username
from clinic360.core.schemas import ApiModel, Id, SingleLineText, UtcInstant

MAX_AGE_YEARS = 130


class DependentCreate(ApiModel):
    full_name: FullName
    date_of_birth: date = Field(description="Not in the future, at most 130 years ago.")
    relationship: Relationship = Field(description="What the dependent is to the caller.")

    @field_validator("date_of_birth")
    @classmethod
    def _plausible(cls, value: date) -> date:
        today = date.today()
        if value > today:
            raise ValueError("must not be in the future")
        if value.year < today.year - MAX_AGE_YEARS:
            raise ValueError(f"must be within the last {MAX_AGE_YEARS} years")
        return value


class DependentOut(ApiModel):
    id: int = Field(description="The dependent's patient id (the `patientId` to act for).")
    full_name: str
    date_of_birth: date
    relationship: str
    claimed: bool = Field(description="They claimed their own login: your access ended.")
    invited: bool = Field(description="An invitation to claim the account is outstanding.")
    may_invite: bool = Field(
        description="Old enough (DEPENDENT_CLAIM_AGE) and not claimed: may be invited."
    )


class Person(ApiModel):
    id: int
    full_name: str


class ProxyGrantCreate(ApiModel):
    account: Annotated[SingleLineText, StringConstraints(min_length=3, max_length=254)] = Field(
        description="The username or email address of the patient account to grant access to."
    )
    capabilities: list[Capability] = Field(
        min_length=1, max_length=3, description="What they may do for you."
    )

    @field_validator("capabilities")
    @classmethod
    def _unique(cls, value: list[Capability]) -> list[Capability]:
        return list(dict.fromkeys(value))


class ProxyGrantOut(ApiModel):
    id: int
    patient: Person = Field(description="Who granted access (whose data it is).")
    proxy: Person = Field(description="Who may act for them.")
    capabilities: list[Capability]
    status: Literal["pending", "active", "revoked"]
    created_at: UtcInstant
    accepted_at: UtcInstant | None
    revoked_at: UtcInstant | None


class ActingFor(ApiModel):
    """A patient the caller may act for (the "acting for" selector), themselves first."""

    id: int
    full_name: str
    via: Literal["self", "guardian", "proxy"]
    capabilities: list[Capability]


class FamilyOut(ApiModel):
    dependents: list[DependentOut]
    granted: list[ProxyGrantOut] = Field(description="Open grants the caller gave.")
    received: list[ProxyGrantOut] = Field(description="Open grants given to the caller.")
    acting_for: list[ActingFor]


class ActingForList(RootModel[list[ActingFor]]):
    pass


class GrantPath(ApiModel):
    id: Id


class DependentPath(ApiModel):
    id: Id


class InviteBody(ApiModel):
    email: Email = Field(description="The dependent's own address: it becomes the account's.")


class DependentClaimBody(ApiModel):
    token: str = Field(min_length=10, max_length=200)
    username: Username
    password: str = Field(max_length=1024)
