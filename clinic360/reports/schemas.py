"""Query and response bodies of the reports API (no clinical content anywhere)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from clinic360.core.schemas import ApiModel, Id
from clinic360.schedules.schemas import CalendarDate


class ReportQuery(ApiModel):
    """Local dates on REPORTS_TIMEZONE's clock, both included; optional narrowing."""

    from_: CalendarDate = Field(alias="from")
    to: CalendarDate
    doctor_id: Id | None = Field(default=None, description="Only this doctor's appointments.")
    visit_type_id: Id | None = Field(default=None, description="Only this visit type's.")


class Measures(ApiModel):
    bookings: int = Field(description="Appointments starting in the range, cancelled included.")
    cancellations: int
    late_cancellations: int = Field(
        description="Cancelled with less than the visit type's cancellation notice left."
    )
    no_shows: int
    no_show_rate: float | None = Field(description="No-shows / bookings not cancelled (0–1).")
    booked_hours: float = Field(description="Hours of the appointments not cancelled.")
    lead_time_median_hours: float | None = Field(description="From booking to visit.")
    lead_time_average_hours: float | None
    new_patients: int = Field(description="No kept appointment at the clinic before `from`.")
    returning_patients: int


class DoctorRow(Measures):
    doctor_id: int
    doctor_name: str
    open_hours: float = Field(description="Weekly hours minus time off and clinic closures.")
    utilization: float | None = Field(description="Booked hours / open hours (null: no hours).")


class VisitTypeRow(Measures):
    doctor_id: int
    doctor_name: str
    visit_type_id: int | None
    visit_type_name: str


class DayRow(ApiModel):
    date: dt.date
    bookings: int
    cancellations: int
    no_shows: int


class Totals(Measures):
    open_hours: float
    utilization: float | None


class Report(ApiModel):
    from_: dt.date = Field(alias="from")
    to: dt.date
    timezone: str
    totals: Totals
    doctors: list[DoctorRow]
    visit_types: list[VisitTypeRow]
    days: list[DayRow]
