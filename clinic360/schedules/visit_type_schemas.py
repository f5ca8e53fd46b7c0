"""Request and response bodies of the visit types API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, RootModel, StrictBool, StrictInt, StringConstraints

from clinic360.core.schemas import ApiModel, Id, MultiLineText, SingleLineText
from clinic360.schedules.models import (
    DEFAULT_COLOUR,
    MAX_BUFFER_MINUTES,
    MAX_DESCRIPTION_LENGTH,
    MAX_HORIZON_DAYS,
    MAX_NAME_LENGTH,
    MAX_NOTICE_MINUTES,
    MAX_VISIT_MINUTES,
    MAX_WINDOW_HOURS,
    MIN_HORIZON_DAYS,
    MIN_VISIT_MINUTES,
)

BookableBy = Literal["anyone", "existing_patients", "staff_only"]
Channel = Literal["in_person", "video"]
Name = Annotated[SingleLineText, StringConstraints(min_length=1, max_length=MAX_NAME_LENGTH)]
Description = Annotated[MultiLineText, StringConstraints(max_length=MAX_DESCRIPTION_LENGTH)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"), AfterValidator(str.lower)]
Minutes = Annotated[StrictInt, Field(ge=MIN_VISIT_MINUTES, le=MAX_VISIT_MINUTES)]
Buffer = Annotated[StrictInt, Field(ge=0, le=MAX_BUFFER_MINUTES)]
WindowHours = Annotated[StrictInt, Field(ge=0, le=MAX_WINDOW_HOURS)]


class VisitTypeBody(ApiModel):
    """A visit type as a doctor (or an admin, naming `doctorId`) writes it; PUT replaces
    every field (absent ones take these defaults)."""

    doctor_id: Id | None = Field(
        default=None, description="Admins only, on creation: whose type this is."
    )
    name: Name
    description: Description | None = None
    duration_minutes: Minutes
    slot_grid_minutes: Minutes | None = Field(
        default=None,
        description="Slots of this type start every so many minutes from the "
        "start of each open window; default: `durationMinutes`.",
    )
    buffer_before_minutes: Buffer = 0
    buffer_after_minutes: Buffer = 0
    min_notice_minutes: StrictInt = Field(default=0, ge=0, le=MAX_NOTICE_MINUTES)
    horizon_days: StrictInt | None = Field(
        default=None,
        ge=MIN_HORIZON_DAYS,
        le=MAX_HORIZON_DAYS,
        description="How far ahead patients may book; default and maximum: BOOKING_HORIZON_DAYS.",
    )
    cancel_notice_hours: WindowHours = 0
    reschedule_notice_hours: WindowHours = 0
    bookable_by: BookableBy = "anyone"
    channel: Channel = "in_person"
    colour: Colour = DEFAULT_COLOUR
    active: StrictBool = True


class VisitTypeOut(ApiModel):
    id: int
    doctor_id: int
    name: str
    description: str | None
    duration_minutes: int
    slot_grid_minutes: int
    buffer_before_minutes: int
    buffer_after_minutes: int
    min_notice_minutes: int
    horizon_days: int
    cancel_notice_hours: int
    reschedule_notice_hours: int
    bookable_by: BookableBy
    channel: Channel
    colour: str
    is_default: bool = Field(description="Used when a booking or a slot query names no type.")
    active: bool


class VisitTypeRef(ApiModel):
    """A visit type as an appointment shows it."""

    id: int
    name: str
    colour: str
    channel: Channel
    duration_minutes: int


class VisitTypePath(ApiModel):
    visit_type_id: Id = Field(alias="visit_type_id")


class VisitTypeQuery(ApiModel):
    doctor_id: Id | None = Field(
        default=None, description="Admins: whose types (required). Doctors: their own always."
    )


class VisitTypeList(RootModel[list[VisitTypeOut]]):
    pass
