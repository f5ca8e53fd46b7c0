"""Query and answer of the calendar (`GET /api/calendar`)."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from clinic360.core.schemas import ApiModel, Id, Instant, UtcInstant

MAX_IDS = 200


class CalendarQuery(ApiModel):
    from_: Instant = Field(alias="from", description="Start of the view (e.g. local midnight).")
    to: Instant = Field(description="End of the view, at most CALENDAR_MAX_DAYS after `from`.")
    doctor_ids: str | None = Field(
        default=None,
        description="Comma-separated doctor ids (e.g. `3,7`); default every doctor (staff) "
        "or the caller (a doctor, who may name only themself).",
        max_length=2000,
    )
    specialization_id: Id | None = Field(default=None, description="Only this specialization.")

    @field_validator("doctor_ids")
    @classmethod
    def _ids(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not parts or len(parts) > MAX_IDS:
            raise ValueError(f"one to {MAX_IDS} ids")
        if not all(part.isdigit() and 1 <= int(part) < 2**31 for part in parts):
            raise ValueError("must be positive integer ids")
        return ",".join(parts)

    @model_validator(mode="after")
    def _ordered(self) -> CalendarQuery:
        if self.to <= self.from_:
            raise ValueError("'to' must be after 'from'")
        return self

    @property
    def ids(self) -> list[int]:
        return sorted({int(part) for part in self.doctor_ids.split(",")}) if self.doctor_ids else []


class Span(ApiModel):
    start: UtcInstant
    end: UtcInstant


class CalendarVisitType(ApiModel):
    id: int
    name: str
    colour: str


class CalendarBlock(ApiModel):
    """An appointment as the calendar shows it: never a reason or clinical content."""

    id: int
    start: UtcInstant
    end: UtcInstant
    status: str
    patient_id: int
    patient_name: str
    visit_type: CalendarVisitType | None


class CalendarDoctor(ApiModel):
    id: int
    full_name: str
    specialization: str | None
    timezone: str
    opening: list[Span] = Field(description="Weekly and extra hours in the view (UTC).")
    time_off: list[Span] = Field(description="Time off, breaks and clinic closures (UTC).")
    blocks: list[CalendarBlock] = Field(description="Appointments not cancelled, by start.")


class CalendarOut(ApiModel):
    doctors: list[CalendarDoctor]
