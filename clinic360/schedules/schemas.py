"""Request and response bodies of the schedules API."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    RootModel,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from clinic360.accounts.schemas import LanguageList
from clinic360.core.schemas import ApiModel, Id, MultiLineText, Page, SingleLineText, UtcInstant
from clinic360.schedules.models import MAX_NAME_LENGTH

_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2199, 12, 31)


def parse_hh_mm(value: str, *, allow_midnight_end: bool = False) -> int:
    """`"HH:MM"` → minutes after midnight; `"24:00"` only where `allow_midnight_end`."""
    if allow_midnight_end and value == "24:00":
        return 24 * 60
    if not _HH_MM.match(value):
        raise ValueError("must be a 24-hour time HH:MM")
    return int(value[:2]) * 60 + int(value[3:])


def format_hh_mm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _start_time(value: str) -> str:
    parse_hh_mm(value)
    return value


def _end_time(value: str) -> str:
    parse_hh_mm(value, allow_midnight_end=True)
    return value


def _calendar_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError("must be a date YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a valid calendar date YYYY-MM-DD") from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise ValueError("must be between 2000-01-01 and 2199-12-31")
    return parsed


StartTime = Annotated[str, AfterValidator(_start_time)]
EndTime = Annotated[str, AfterValidator(_end_time)]
CalendarDate = Annotated[date, BeforeValidator(_calendar_date)]
"""A `YYYY-MM-DD` string, validated and turned into a `date`."""


CancellationMessage = Annotated[MultiLineText, StringConstraints(max_length=500)]
DayOfWeek = Annotated[StrictInt, Field(ge=0, le=6)]
"""0 = Sunday … 6 = Saturday."""


class EntryBody(ApiModel):
    """A weekly (`dayOfWeek`) or dated (`date`) window; exactly one of the two.

    A dated window applies on every date from `date` to `endDate` (both included; default:
    `date` only). `startTime` is `HH:MM`; `endTime` is `HH:MM` or `24:00` (until midnight).
    """

    day_of_week: DayOfWeek | None = None
    date: CalendarDate | None = None
    end_date: CalendarDate | None = None
    start_time: StartTime
    end_time: EndTime
    is_available: StrictBool = True
    cancel_appointments: StrictBool | Annotated[list[Id], Field(max_length=500)] | None = Field(
        default=None,
        description="Time off only: cancel the booked appointments it covers (`true`: all "
        "of them; a list: those ids, which must be all of them) in the same transaction. "
        "Without it, time off over booked appointments is 409 `time_off_hits_appointments`.",
    )
    cancellation_message: CancellationMessage | None = Field(
        default=None,
        description="With `cancelAppointments`: the doctor's message to each patient, put "
        "into their cancellation email (not clinical content).",
    )

    @model_validator(mode="after")
    def _cancel_with_time_off(self) -> EntryBody:
        if self.cancellation_message is not None and not self.cancel_appointments:
            raise ValueError("cancellationMessage goes only with cancelAppointments")
        return self


class WeeklyBody(ApiModel):
    """The same weekly window on several weekdays, added all together or not at all."""

    days_of_week: list[DayOfWeek] = Field(min_length=1, max_length=7)
    start_time: StartTime
    end_time: EndTime
    is_available: StrictBool = True


class EntryOut(ApiModel):
    id: int
    doctor_id: int
    day_of_week: int | None
    date: date | None
    end_date: dt.date | None  # `date` above shadows the type
    start_time: str
    end_time: str
    is_available: bool


class EntryPath(ApiModel):
    entry_id: Id = Field(alias="entry_id")


class DoctorPath(ApiModel):
    doctor_id: Id = Field(alias="doctor_id")


class DoctorOut(ApiModel):
    """A doctor as patients see them: never an email address."""

    id: int
    full_name: str
    specialization: str | None = Field(description="The name of the doctor's specialization.")
    specialization_id: int | None
    timezone: str
    slot_minutes: int
    address: str | None = Field(description="Where in-person visits take place.")
    languages: LanguageList = Field(description="Languages spoken (codes such as `en`).")
    bio: str | None
    next_available: UtcInstant | None = Field(
        description="The first free slot of the doctor's default visit type (60 days ahead)."
    )


class SlotOut(ApiModel):
    start_time: UtcInstant
    end_time: UtcInstant


class DoctorSlotOut(SlotOut):
    doctor_id: int
    visit_type_id: int = Field(description="The doctor's visit type this slot is cut for.")


class SpecializationFilter(ApiModel):
    """Doctors of one entry of GET /api/specializations: by name or by id, not both."""

    specialization: SingleLineText | None = Field(
        default=None, max_length=100, description="Its name, ignoring case."
    )
    specialization_id: Id | None = Field(default=None, description="Its id.")

    @model_validator(mode="after")
    def _one_way(self) -> SpecializationFilter:
        if self.specialization and self.specialization_id is not None:
            raise ValueError("give either specialization or specializationId, not both")
        return self

    @property
    def specialization_choice(self) -> int | str | None:
        if self.specialization_id is not None:
            return self.specialization_id
        return self.specialization or None


class DoctorQuery(Page, SpecializationFilter):
    q: SingleLineText | None = Field(default=None, max_length=100)


class RangeQuery(ApiModel):
    """Local dates on the doctor's clock, both included."""

    from_: CalendarDate | None = Field(default=None, alias="from")
    to: CalendarDate | None = None


class DoctorSlotQuery(RangeQuery):
    visit_type: Id | None = Field(
        default=None, description="Slots of this visit type; default: the doctor's default type."
    )


class SlotSearchQuery(RangeQuery, SpecializationFilter):
    limit: int = Field(default=100, ge=1, le=500)
    visit_type: SingleLineText | None = Field(
        default=None,
        max_length=MAX_NAME_LENGTH,
        description="A visit type name (ignoring case): each doctor's active, online-bookable "
        "type of that name, doctors without one left out; default: each default type.",
    )


class EntryList(RootModel[list[EntryOut]]):
    pass


class DoctorList(RootModel[list[DoctorOut]]):
    pass


class SlotList(RootModel[list[SlotOut]]):
    pass


class DoctorSlotList(RootModel[list[DoctorSlotOut]]):
    pass
