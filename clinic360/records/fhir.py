"""A patient's data as a FHIR R4 Bundle of type `collection` (plain JSON-ready dicts).

Resources: the Patient; a Practitioner per doctor involved; an Appointment per appointment;
an Encounter per appointment a record is tied to; a Condition per record (its current
version: diagnosis, notes); a MedicationRequest per record with a prescription. Entries are
named by stable `urn:uuid:` fullUrls and every reference points at one of them, so the
bundle is self-contained. The tests validate it with `fhir.resources.R4B`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from clinic360.accounts.models import User
from clinic360.appointments.models import Appointment
from clinic360.core.schemas import format_instant
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
}
# http://hl7.org/fhir/R4B/valueset-encounter-status.html
ENCOUNTER_STATUS = {
    "scheduled": "planned",
    "confirmed": "planned",
    "completed": "finished",
    "cancelled": "cancelled",
    "no_show": "cancelled",
}
AMBULATORY = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    "code": "AMB",
    "display": "ambulatory",
}


def build_bundle(
    patient: User,
    doctors: Iterable[User],
    appointments: Iterable[Appointment],
    records: Iterable[tuple[MedicalRecord, RecordVersion, User]],
    base_url: str,
    now: datetime,
) -> dict[str, Any]:
    def url(resource_type: str, resource_id: int) -> str:
        name = f"{base_url.rstrip('/')}/{resource_type}/{resource_id}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def ref(resource_type: str, resource_id: int) -> dict[str, str]:
        return {"reference": url(resource_type, resource_id)}

    entries: list[dict[str, Any]] = []

    def add(resource: dict[str, Any], resource_id: int) -> None:
        resource["id"] = str(resource_id)
        entries.append(
            {"fullUrl": url(resource["resourceType"], resource_id), "resource": resource}
        )

    add(
        {
            "resourceType": "Patient",
            "name": [{"text": patient.full_name}],
            "telecom": [{"system": "email", "value": patient.email}],
        },
        patient.id,
    )
    for doctor in sorted(doctors, key=lambda d: d.id):
        practitioner: dict[str, Any] = {
            "resourceType": "Practitioner",
            "name": [{"text": doctor.full_name}],
        }
        if doctor.specialization:
            practitioner["qualification"] = [{"code": {"text": doctor.specialization}}]
        add(practitioner, doctor.id)
    visits = {a.id: a for a in appointments}
    for appointment in sorted(visits.values(), key=lambda a: a.start_time):
        add(
            {
                "resourceType": "Appointment",
                "status": APPOINTMENT_STATUS[appointment.status],
                "start": format_instant(appointment.start_time),
                "end": format_instant(appointment.end_time),
                "participant": [
                    {"actor": ref("Patient", patient.id), "status": "accepted"},
                    {"actor": ref("Practitioner", appointment.doctor_id), "status": "accepted"},
                ],
            },
            appointment.id,
        )
    records = list(records)
    linked = {r.appointment_id for r, _, _ in records if r.appointment_id is not None}
    for appointment_id in sorted(linked & set(visits)):
        appointment = visits[appointment_id]
        add(
            {
                "resourceType": "Encounter",
                "status": ENCOUNTER_STATUS[appointment.status],
                "class": AMBULATORY,
                "subject": ref("Patient", patient.id),
                "participant": [{"individual": ref("Practitioner", appointment.doctor_id)}],
                "appointment": [ref("Appointment", appointment.id)],
                "period": {
                    "start": format_instant(appointment.start_time),
                    "end": format_instant(appointment.end_time),
                },
            },
            appointment.id,
        )
    for record, version, _author in records:
        encounter = (
            {"encounter": ref("Encounter", record.appointment_id)}
            if record.appointment_id in visits and record.appointment_id is not None
            else {}
        )
        updated = format_instant(version.amended_at or record.created_at)
        condition: dict[str, Any] = {
            "resourceType": "Condition",
            "meta": {"versionId": str(version.version), "lastUpdated": updated},
            "identifier": [{"system": RECORD_IDENTIFIER_SYSTEM, "value": str(record.id)}],
            "code": {"text": version.diagnosis},
            "subject": ref("Patient", patient.id),
            **encounter,
            "recordedDate": format_instant(record.created_at),
            "recorder": ref("Practitioner", record.doctor_id),
        }
        if version.notes:
            condition["note"] = [{"text": version.notes}]
        add(condition, record.id)
        if version.prescription:
            add(
                {
                    "resourceType": "MedicationRequest",
                    "meta": {"versionId": str(version.version), "lastUpdated": updated},
                    "identifier": [{"system": RECORD_IDENTIFIER_SYSTEM, "value": str(record.id)}],
                    "status": "active",
                    "intent": "order",
                    "medicationCodeableConcept": {"text": version.prescription},
                    "subject": ref("Patient", patient.id),
                    **encounter,
                    "authoredOn": format_instant(record.created_at),
                    "requester": ref("Practitioner", record.doctor_id),
                    "reasonReference": [ref("Condition", record.id)],
                },
                record.id,
            )
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": format_instant(now)},
        "type": "collection",
        "timestamp": format_instant(now),
        "entry": entries,
    }
