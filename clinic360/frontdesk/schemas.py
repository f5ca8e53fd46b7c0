"""Bodies of the front-desk API."""

from __future__ import annotations

from datetime import timedelta

from pydantic import Field, model_validator

from clinic360.appointments.schemas import AppointmentCreate
from clinic360.core.schemas import ApiModel, Id, Instant, Page

MAX_DAY_SPAN = timedelta(days=7)


class DeskBookingBody(AppointmentCreate):
    """Book for a patient: the patient's booking body plus whose visit it is."""

    patient_id: Id


class DayQuery(Page):
    """The appointments of a time range (the front desk's day), every doctor or one."""

    from_: Instant = Field(alias="from", description="Start of the range (e.g. local midnight).")
    to: Instant = Field(description="End of the range (at most 7 days after `from`).")
    doctor_id: Id | None = Field(default=None, description="Only this doctor's appointments.")

    @model_validator(mode="after")
    def _short_range(self) -> DayQuery:
        if not self.from_ < self.to <= self.from_ + MAX_DAY_SPAN:
            raise ValueError("'to' must be after 'from', at most 7 days")
        return self


class PatientAppointmentsPath(ApiModel):
    id: Id
