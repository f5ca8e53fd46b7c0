"""The bodies of writing a record (POST/PUT /api/records' answers): a record may carry the
medication list entry its prescription starts, written in the same transaction."""

from __future__ import annotations

from pydantic import Field

from clinic360.core.schemas import ApiModel, Id
from clinic360.records.medications import MedicationCreate, MedicationOut
from clinic360.records.schemas import Diagnosis, Notes, Prescription, RecordOut, Warnings


class RecordCreate(ApiModel):
    """`medication` (optional): also add this entry to the patient's medication list, in
    the same step; when it is refused (422) the record is not written either."""

    patient_id: Id
    diagnosis: Diagnosis
    prescription: Prescription | None = None
    notes: Notes | None = None
    appointment_id: Id | None = None
    medication: MedicationCreate | None = None


class RecordWritten(RecordOut, Warnings):
    """The answer of POST and PUT /api/records: the record, the medication list entry
    written with it (POST with `medication`), and the allergy warnings its prescription or
    medication raises."""

    medication: MedicationOut | None = Field(default=None)
