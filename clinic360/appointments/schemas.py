"""Request and response bodies of the appointments API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    field_validator,
    model_validator,
)

from clinic360.appointments.models import AppointmentStatus
from clinic360.core.schemas import ApiModel, Id, Instant, MultiLineText, Page, UtcInstant
from clinic360.schedules.visit_type_schemas import VisitTypeRef

Reason = Annotated[MultiLineText, StringConstraints(max_length=500)]
CancellationMessage = Annotated[MultiLineText, StringConstraints(max_length=500)]
"""A doctor's message to the patient when cancelling; line breaks allowed, no other control
characters."""
StatusName = Literal[
    "scheduled", "confirmed", "completed", "cancelled", "no_show", "requested", "arrived"
]


class AppointmentPath(ApiModel):
    id: Id


class AppointmentCreate(ApiModel):
    """POST body. Server-owned fields (status, createdAt, …) are ignored."""

    doctor_id: Id
    patient_id: Id | None = Field(
        default=None,
        description="Who the visit is for: the caller (default) or a patient they act for "
        "(a dependent, or a proxy grant with `appointments`); 404 for anyone else, 403 "
        "`proxy_capability_missing` / `proxy_revoked` / `dependent_claimed` when the "
        "caller's family access does not cover it.",
    )
    visit_type_id: Id | None = Field(
        default=None, description="The visit type; default: the doctor's default type."
    )
    start_time: AwareDatetime
    end_time: AwareDatetime | None = Field(
        default=None,
        description="Optional: the type's length sets it; when sent it must match "
        "(otherwise 422 `not_a_slot`).",
    )
    reason: Reason | None = None


class AppointmentUpdate(ApiModel):
    """PUT body: a status change, or a reschedule (both `startTime` and `endTime`)."""

    status: StatusName | None = None
    start_time: AwareDatetime | None = None
    end_time: AwareDatetime | None = None
    reason: Reason | None = None
    cancellation_message: CancellationMessage | None = Field(
        default=None,
        description="Only a doctor, only with status `cancelled`: a message to the patient, "
        "put into their cancellation email (not clinical content).",
    )

    @model_validator(mode="after")
    def _times_together(self) -> AppointmentUpdate:
        if self.cancellation_message is not None and self.status != "cancelled":
            raise ValueError("cancellationMessage goes only with status 'cancelled'")
        if (self.start_time is None) != (self.end_time is None):
            missing = "endTime" if self.end_time is None else "startTime"
            raise ValueError(f"{missing} is required when rescheduling")
        if self.start_time is not None and self.status not in (None, "scheduled"):
            raise ValueError("a reschedule sets status 'scheduled'; send no other status with it")
        if self.start_time is None and self.status is None:
            raise ValueError("send a status, or startTime and endTime to reschedule")
        return self

    @property
    def is_reschedule(self) -> bool:
        return self.start_time is not None


class AppointmentQuery(Page):
    """Filters of GET /api/appointments: `status` may list several, comma separated."""

    status: str | None = Field(default=None, max_length=100)
    patient_id: Id | None = Field(
        default=None,
        description="Patients: the appointments of a patient the caller acts for (family "
        "access with `appointments`); default the caller's own. In that patient's access log.",
    )
    from_: Instant | None = Field(default=None, alias="from")
    to: Instant | None = None

    @field_validator("status")
    @classmethod
    def _known_statuses(cls, value: str | None) -> str | None:
        if value is None:
            return None
        names = [part.strip() for part in value.split(",") if part.strip()]
        known = {status.value for status in AppointmentStatus}
        if not names or any(name not in known for name in names):
            raise ValueError(f"must be one or more of {', '.join(sorted(known))}")
        return ",".join(names)

    @model_validator(mode="after")
    def _range_ordered(self) -> AppointmentQuery:
        if self.from_ is not None and self.to is not None and self.to <= self.from_:
            raise ValueError("'to' must be after 'from'")
        return self

    @property
    def statuses(self) -> list[str]:
        return self.status.split(",") if self.status else []


class PatientRef(ApiModel):
    id: int
    full_name: str


class DoctorRef(ApiModel):
    id: int
    full_name: str
    specialization: str | None
    timezone: str  # the clinic's zone: where the visit takes place
    address: str | None = Field(
        default=None, description="The doctor's address: where in-person visits take place."
    )


class AttendanceOut(ApiModel):
    """A patient's attendance record over the last `windowDays` days."""

    no_shows: int = Field(description="Visits the doctor marked `no_show`.")
    late_cancellations: int = Field(
        description="Visits the patient cancelled less than LATE_CANCELLATION_HOURS before "
        "the start."
    )
    window_days: int = Field(description="ATTENDANCE_WINDOW_DAYS.")


class MyAttendanceOut(AttendanceOut):
    """The caller's own record and what it means for their next booking."""

    policy: Literal["off", "warn", "confirm"] = Field(description="NO_SHOW_POLICY.")
    warn: bool = Field(
        description="Show the record before booking: the policy is `warn` or `confirm` and "
        "there is at least one no-show."
    )
    booking_needs_confirmation: bool = Field(
        description="An online booking arrives as `requested` and waits for the doctor "
        "(policy `confirm`, at least NO_SHOW_LIMIT no-shows)."
    )


class AppointmentOut(ApiModel):
    id: int
    patient_id: int
    doctor_id: int
    patient: PatientRef
    doctor: DoctorRef
    booked_by: PatientRef | None = Field(
        default=None,
        description="Who booked the visit when it was not the patient: their guardian or "
        "proxy (family access); null otherwise.",
    )
    start_time: UtcInstant
    end_time: UtcInstant
    status: StatusName
    visit_type: VisitTypeRef | None = Field(
        description="What the visit is for (null only for visits recorded without one)."
    )
    reason: str | None = Field(
        description="The patient's reason, null when none was given. A doctor gets it only "
        "while the patient is in their care (null once all their appointments together are "
        "cancelled), and their read is in the patient's access log."
    )
    cancellation_message: str | None = Field(
        description="The doctor's message to the patient when they cancelled, if any."
    )
    patient_confirmed_at: UtcInstant | None = Field(
        description="When the patient confirmed they will come (from the link in an email); "
        "cleared when the appointment moves."
    )
    video_link: str | None = Field(
        default=None,
        description="A video visit's own room link (VIDEO_BASE_URL + an unguessable room): "
        "made at booking, kept when it moves, null once cancelled and for in-person visits.",
    )
    series_id: int | None = Field(
        default=None,
        description="The recurring series this visit is part of (GET /api/series/{id}), if any.",
    )
    patient_attendance: AttendanceOut | None = Field(
        default=None,
        description="For the doctor only, while the patient is in their care: the "
        "patient's no-shows and late cancellations (null for patients and otherwise).",
    )
    created_at: UtcInstant
    updated_at: UtcInstant


class SlotOut(ApiModel):
    start_time: UtcInstant
    end_time: UtcInstant


class AppointmentList(RootModel[list[AppointmentOut]]):
    pass


class CalendarTokenPath(ApiModel):
    """The secret of a calendar subscription link (any text: unknown ones are simply 404)."""

    token: str


class CalendarLinkOut(ApiModel):
    """A new subscription link: shown once, only its token's SHA-256 is kept."""

    url: str
    created_at: UtcInstant


class CalendarLinkStatus(ApiModel):
    """Whether the caller has a working subscription link (the link itself is not kept)."""

    active: bool
    created_at: UtcInstant | None


class BookingHeaders(BaseModel):
    """Headers of POST /api/appointments (every other header is ignored)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    idempotency_key: str | None = Field(
        default=None,
        alias="Idempotency-Key",
        min_length=1,
        max_length=128,
        pattern=r"^[\x21-\x7e]+$",
        description="Repeating a booking with the same key (and body) within "
        "IDEMPOTENCY_KEY_HOURS returns the first answer instead of 409.",
    )
