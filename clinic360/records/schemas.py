"""Request and response bodies of the records and patients API.

Limits are the contract's: diagnosis 1–500 characters (one line), prescription ≤ 2000,
notes ≤ 10000 (line breaks allowed), amendment reason 1–500 (one line). NUL and other
control characters are rejected with 422 before anything reaches the database.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, RootModel, StringConstraints

from clinic360.appointments.schemas import AttendanceOut
from clinic360.core.schemas import ApiModel, Id, MultiLineText, SingleLineText, UtcInstant


def not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Diagnosis = Annotated[
    SingleLineText, StringConstraints(min_length=1, max_length=500), AfterValidator(not_blank)
]
Prescription = Annotated[MultiLineText, StringConstraints(max_length=2000)]
Notes = Annotated[MultiLineText, StringConstraints(max_length=10000)]
Reason = Annotated[
    SingleLineText, StringConstraints(min_length=1, max_length=500), AfterValidator(not_blank)
]


class RecordAmend(ApiModel):
    """Fields left out keep their value; `null` clears prescription or notes.

    `baseVersion` (optional) is the version the doctor edited: when the record has moved on
    since, the amendment is refused with 409 `version_conflict` instead of applied on top.
    """

    diagnosis: Diagnosis | None = None
    prescription: Prescription | None = None
    notes: Notes | None = None
    reason: Reason
    base_version: int | None = Field(default=None, ge=1, le=2**31 - 1)


class IdPath(ApiModel):
    """`:id` in a path: a record id or a patient id, as the route says."""

    id: Id


class Listing(ApiModel):
    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=2**31 - 1)


class PatientSearch(Listing):
    q: Annotated[SingleLineText, StringConstraints(max_length=100)] | None = None


class DoctorSummary(ApiModel):
    id: int
    full_name: str
    specialization: str | None


class PersonRef(ApiModel):
    id: int
    full_name: str


class RecordOut(ApiModel):
    id: int
    patient_id: int
    doctor_id: int
    appointment_id: int | None
    doctor: DoctorSummary
    diagnosis: str
    prescription: str | None
    notes: str | None
    created_at: UtcInstant
    version: int
    amended_at: UtcInstant | None


class AllergyWarning(ApiModel):
    """The text just written names the substance of one of the patient's active allergies."""

    code: Literal["allergy_match"]
    substance: str


class Warnings(ApiModel):
    """Mixed into the answer of a write that may warn (it never blocks)."""

    warnings: list[AllergyWarning] = Field(default_factory=list)


class RecordVersionOut(ApiModel):
    record_id: int
    version: int
    diagnosis: str
    prescription: str | None
    notes: str | None
    amended_at: UtcInstant | None
    amended_by: PersonRef | None
    reason: str | None
    content_sha256: str


class PatientListItem(ApiModel):
    id: int
    full_name: str
    email: str
    last_visit: UtcInstant | None
    next_visit: UtcInstant | None


class PatientAppointment(ApiModel):
    id: int
    doctor_id: int
    start_time: UtcInstant
    end_time: UtcInstant
    status: str


class PatientOut(ApiModel):
    id: int
    full_name: str
    email: str
    timezone: str
    last_visit: UtcInstant | None
    next_visit: UtcInstant | None
    appointments: list[PatientAppointment]
    attendance: AttendanceOut = Field(
        description="No-shows and late cancellations over ATTENDANCE_WINDOW_DAYS (all the "
        "patient's visits, with any doctor)."
    )


class RecordList(RootModel[list[RecordOut]]):
    pass


class RecordVersionList(RootModel[list[RecordVersionOut]]):
    pass


class PatientList(RootModel[list[PatientListItem]]):
    pass
