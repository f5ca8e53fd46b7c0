"""Bodies of the waitlist API (`/api/waitlist…`) and of claim links (`/api/claim/<token>…`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, RootModel, StringConstraints, model_validator

from clinic360.core.schemas import ApiModel, Id, UtcInstant

PartOfDay = Literal["morning", "afternoon", "evening"]


class WaitlistJoin(ApiModel):
    """Join the waiting list: exactly one of `doctorId` and `specializationId`."""

    doctor_id: Id | None = Field(default=None, description="This doctor…")
    specialization_id: Id | None = Field(
        default=None, description="…or any doctor of this specialization (their default types)."
    )
    visit_type_id: Id | None = Field(
        default=None, description="Only with `doctorId`; default: the doctor's default type."
    )
    date_from: date
    date_to: date
    patient_id: Id | None = Field(
        default=None,
        description="Who the entry is for: the caller (default) or a patient they act for "
        "(a dependent, or a proxy grant with `appointments`); 404 for anyone else, 403 "
        "`proxy_capability_missing` / `proxy_revoked` / `dependent_claimed`.",
    )
    parts: list[PartOfDay] = Field(
        min_length=1,
        max_length=3,
        description="Parts of the day on the doctor's clock: morning (before 12:00), "
        "afternoon (12:00–17:00), evening (from 17:00).",
    )

    @model_validator(mode="after")
    def _one_target(self) -> WaitlistJoin:
        if (self.doctor_id is None) == (self.specialization_id is None):
            raise ValueError("give exactly one of doctorId and specializationId")
        if self.visit_type_id is not None and self.doctor_id is None:
            raise ValueError("visitTypeId needs doctorId")
        return self


class WaitlistEntryOut(ApiModel):
    id: int
    doctor_id: int | None
    doctor_name: str | None
    specialization_id: int | None
    specialization: str | None
    visit_type_id: int | None
    visit_type: str | None
    date_from: date
    date_to: date
    parts: list[PartOfDay]
    status: Literal["waiting", "fulfilled", "left"]
    created_at: UtcInstant


class WaitlistEntryList(RootModel[list[WaitlistEntryOut]]):
    pass


class EntryPath(ApiModel):
    id: Id


class ClaimTokenPath(ApiModel):
    """The secret of a claim link (any text: anything not genuine is simply 404)."""

    token: Annotated[str, StringConstraints(max_length=200)]


class ClaimOut(ApiModel):
    """An offer as its email shows it: when and with whom; whether it can still be claimed."""

    status: Literal["open", "taken", "claimed"]
    start_time: UtcInstant
    end_time: UtcInstant
    doctor_name: str
    timezone: str = Field(description="The doctor's zone: times are shown in it.")
    expires_at: UtcInstant
    appointment_id: int | None = Field(
        default=None, description="After a claim: the booked appointment (open it signed in)."
    )


class WaitlistQuery(ApiModel):
    patient_id: Id | None = Field(
        default=None,
        description="The entries of a patient the caller acts for with `appointments`; "
        "default the caller's own. In that patient's access log.",
    )
