"""A patient's data as a FHIR R4 Bundle of type `collection`, built from `fhir.resources.R4B`
models (so a resource of the wrong shape cannot be built) and serialised by the library.

Resources: the Patient; a Practitioner per doctor involved; an Appointment per appointment;
an Encounter per appointment a record is tied to; a Condition per record (its current
version: diagnosis, notes); a MedicationRequest per record with a prescription; the chart
lists (`fhir_chart.py`), documents (`fhir_documents.py`) and intake answers
(`fhir_intake.py`). Entries are
named by stable `urn:uuid:` fullUrls and every reference points at one of them, so the
bundle is self-contained. fhir.resources checks structure and types, not coded values: the
status codes below are the R4B value sets' own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from fhir.resources.R4B.annotation import Annotation
from fhir.resources.R4B.appointment import Appointment as FhirAppointment
from fhir.resources.R4B.appointment import AppointmentParticipant
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.contactpoint import ContactPoint
from fhir.resources.R4B.encounter import Encounter, EncounterParticipant
from fhir.resources.R4B.humanname import HumanName
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.medicationrequest import MedicationRequest
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.period import Period
from fhir.resources.R4B.practitioner import Practitioner, PractitionerQualification

from clinic360.accounts.models import User
from clinic360.appointments.models import Appointment
from clinic360.core.schemas import format_instant
from clinic360.records.fhir_chart import ChartExport, add_chart
from clinic360.records.fhir_documents import add_documents
from clinic360.records.fhir_entries import Entries
from clinic360.records.fhir_intake import add_intake
from clinic360.records.models import MedicalRecord, RecordVersion

FHIR_JSON = "application/fhir+json"
RECORD_IDENTIFIER_SYSTEM = "urn:clinic360:medical-record"
# http://hl7.org/fhir/R4B/valueset-appointmentstatus.html
APPOINTMENT_STATUS = {
    "scheduled": "booked",
    "confirmed": "booked",
    "completed": "fulfilled",
    "cancelled": "cancelled",
    "no_show": "noshow",
    "requested": "pending",  # waits for the doctor to accept it (NO_SHOW_POLICY=confirm)
    "arrived": "arrived",  # checked in at the front desk
}
# http://hl7.org/fhir/R4B/valueset-encounter-status.html
ENCOUNTER_STATUS = {
    "scheduled": "planned",
    "confirmed": "planned",
    "completed": "finished",
    "cancelled": "cancelled",
    "no_show": "cancelled",
    "requested": "planned",
    "arrived": "arrived",
}


def _ambulatory() -> Coding:
    return Coding(
        system="http://terminology.hl7.org/CodeSystem/v3-ActCode", code="AMB", display="ambulatory"
    )


def bundle_json(bundle: Bundle) -> str:
    """The bundle as FHIR JSON (the library's serialiser: element order, no empty fields)."""
    return bundle.model_dump_json()


def build_bundle(
    patient: User,
    doctors: Iterable[User],
    appointments: Iterable[Appointment],
    records: Iterable[tuple[MedicalRecord, RecordVersion, User]],
    base_url: str,
    now: datetime,
    chart: ChartExport | None = None,
) -> Bundle:
    out = Entries(base_url)
    subject = out.ref("Patient", patient.id)
    out.add(
        Patient(
            name=[HumanName(text=patient.full_name)],
            telecom=[ContactPoint(system="email", value=patient.email)],
        ),
        patient.id,
    )
    for doctor in sorted(doctors, key=lambda d: d.id):
        qualification = (
            [PractitionerQualification(code=CodeableConcept(text=doctor.specialization))]
            if doctor.specialization
            else None
        )
        out.add(
            Practitioner(name=[HumanName(text=doctor.full_name)], qualification=qualification),
            doctor.id,
        )
    visits = {a.id: a for a in appointments}
    for appointment in sorted(visits.values(), key=lambda a: a.start_time):
        out.add(
            FhirAppointment(
                status=APPOINTMENT_STATUS[appointment.status],
                start=format_instant(appointment.start_time),
                end=format_instant(appointment.end_time),
                participant=[
                    AppointmentParticipant(actor=subject, status="accepted"),
                    AppointmentParticipant(
                        actor=out.ref("Practitioner", appointment.doctor_id), status="accepted"
                    ),
                ],
            ),
            appointment.id,
        )
    records = list(records)
    linked = {r.appointment_id for r, _, _ in records if r.appointment_id is not None}
    for appointment_id in sorted(linked & set(visits)):
        appointment = visits[appointment_id]
        out.add(
            Encounter(
                status=ENCOUNTER_STATUS[appointment.status],
                class_fhir=_ambulatory(),
                subject=subject,
                participant=[
                    EncounterParticipant(individual=out.ref("Practitioner", appointment.doctor_id))
                ],
                appointment=[out.ref("Appointment", appointment.id)],
                period=Period(
                    start=format_instant(appointment.start_time),
                    end=format_instant(appointment.end_time),
                ),
            ),
            appointment.id,
        )
    for record, version, _author in records:
        encounter = (
            out.ref("Encounter", record.appointment_id)
            if record.appointment_id is not None and record.appointment_id in visits
            else None
        )
        meta = Meta(
            versionId=str(version.version),
            lastUpdated=format_instant(version.amended_at or record.created_at),
        )
        identifier = [Identifier(system=RECORD_IDENTIFIER_SYSTEM, value=str(record.id))]
        out.add(
            Condition(
                meta=meta,
                identifier=identifier,
                code=CodeableConcept(text=version.diagnosis),
                subject=subject,
                encounter=encounter,
                recordedDate=format_instant(record.created_at),
                recorder=out.ref("Practitioner", record.doctor_id),
                note=[Annotation(text=version.notes)] if version.notes else None,
            ),
            record.id,
        )
        if version.prescription:
            out.add(
                MedicationRequest(
                    meta=meta,
                    identifier=identifier,
                    status="active",
                    intent="order",
                    medicationCodeableConcept=CodeableConcept(text=version.prescription),
                    subject=subject,
                    encounter=encounter,
                    authoredOn=format_instant(record.created_at),
                    requester=out.ref("Practitioner", record.doctor_id),
                    reasonReference=[out.ref("Condition", record.id)],
                ),
                record.id,
            )
    if chart is not None:
        add_chart(out, subject, chart)
        add_documents(out, subject, patient.id, chart.documents)
        add_intake(out, subject, chart.intake)
    return Bundle(
        id=str(uuid.uuid4()),
        meta=Meta(lastUpdated=format_instant(now)),
        type="collection",
        timestamp=format_instant(now),
        entry=out.entries,
    )
