"""Request and response bodies of the doctor's bookings: one visit or a recurring series."""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from clinic360.appointments.schemas import AppointmentOut
from clinic360.core.schemas import ApiModel, Id, UtcInstant


class DoctorBookingCreate(ApiModel):
    """POST /api/doctor/appointments: the signed-in doctor books a visit with themselves for
    a patient in their care."""

    patient_id: Id
    visit_type_id: Id | None = Field(
        default=None, description="One of the doctor's active types; default: the default type."
    )
    start_time: AwareDatetime


class SeriesCreate(DoctorBookingCreate):
    """POST /api/series: `count` visits, `everyWeeks` weeks apart, at the first one's wall-clock
    time in the doctor's time zone."""

    every_weeks: int = Field(
        ge=1, le=52, description="Weeks between occurrences (at most SERIES_MAX_INTERVAL_WEEKS)."
    )
    count: int = Field(
        ge=2, le=520, description="How many occurrences (at most SERIES_MAX_OCCURRENCES)."
    )


class SeriesPath(ApiModel):
    id: Id


class SeriesOut(ApiModel):
    id: int
    doctor_id: int
    patient_id: int
    visit_type_id: int
    every_weeks: int
    created_at: UtcInstant
    occurrences: list[AppointmentOut] = Field(description="Every occurrence, by start time.")


class SeriesCancelled(SeriesOut):
    cancelled: list[UtcInstant] = Field(description="Start times of the occurrences cancelled.")
