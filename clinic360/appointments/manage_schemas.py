"""Bodies of the manage-link API (`/api/manage/<token>…`): only what the email shows."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, Field, RootModel, StringConstraints

from clinic360.appointments.schemas import SlotOut, StatusName
from clinic360.core.schemas import ApiModel, SingleLineText, UtcInstant

CancelReason = Annotated[SingleLineText, StringConstraints(min_length=1, max_length=300)]


class ManageTokenPath(ApiModel):
    """The secret of a manage link (any text: anything not genuine is simply 404)."""

    token: Annotated[str, StringConstraints(max_length=200)]


class ManageDoctor(ApiModel):
    full_name: str
    specialization: str | None
    timezone: str = Field(description="The clinic's zone: times are shown in it.")


class ManagedAppointment(ApiModel):
    """The appointment as its email shows it: when, with whom, where. Never the reason."""

    start_time: UtcInstant
    end_time: UtcInstant
    status: StatusName
    doctor: ManageDoctor
    patient_confirmed_at: UtcInstant | None = Field(
        description="When the patient confirmed they will come (through the link)."
    )


class ManageStateOut(ApiModel):
    """GET /api/manage/{token}, and the answer to each action."""

    appointment: ManagedAppointment
    place: str = Field(
        description="Where the visit takes place: `Video visit`, or the doctor's address "
        "(the clinic, CLINIC_NAME, when they gave none)."
    )
    video_link: str | None = Field(
        description="A video visit's room link (null for in-person and cancelled visits)."
    )
    may_cancel: bool = Field(
        description="The patient may still cancel it online (before `cancelDeadline`: the "
        "start minus the visit type's cancellation notice); when false the page shows "
        "`contactLine` instead of the cancel button."
    )
    may_reschedule: bool = Field(
        description="The patient may still move it online (before `rescheduleDeadline`)."
    )
    cancel_deadline: UtcInstant = Field(description="Until when it may be cancelled online.")
    reschedule_deadline: UtcInstant = Field(description="Until when it may be moved online.")
    may_change: bool = Field(description="`mayCancel` or `mayReschedule` (kept for old pages).")
    change_deadline: UtcInstant = Field(
        description="The later of the two deadlines (kept for old pages)."
    )
    contact_line: str = Field(description="How to reach the clinic (CLINIC_CONTACT_LINE).")


class ManageCancelBody(ApiModel):
    reason: CancelReason = Field(
        description="Why the patient cancels, in their words (required, one line, at most "
        "300 characters). Kept in the appointment's history only: never logged or emailed."
    )


class ManageRescheduleBody(ApiModel):
    start_time: AwareDatetime
    end_time: AwareDatetime


class ManageAlternatives(RootModel[list[SlotOut]]):
    pass
