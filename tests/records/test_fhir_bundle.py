"""The FHIR bundle's exact content, built from fhir.resources models (no database).

The expected JSON below is what the export produced when it was written as plain dicts; the
model-built export must produce the same content, and it must parse back with
`fhir.resources.R4B` into an equal bundle.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.condition import Condition
from pydantic import ValidationError

from clinic360.accounts.models import User
from clinic360.appointments.models import Appointment
from clinic360.records.fhir import build_bundle, bundle_json
from clinic360.records.models import MedicalRecord, RecordVersion

BASE_URL = "https://clinic.example/"
DAY = datetime(2031, 3, 4, tzinfo=UTC)


def at(hour: int, minute: int = 0) -> datetime:
    return DAY.replace(hour=hour, minute=minute)


def urn(resource_type: str, resource_id: int) -> str:
    name = f"{BASE_URL.rstrip('/')}/{resource_type}/{resource_id}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def ref(resource_type: str, resource_id: int) -> dict[str, str]:
    return {"reference": urn(resource_type, resource_id)}


def build() -> Bundle:
    patient = User(id=7, full_name="Pat Ient", email="pat@example.org", role="patient")
    one = User(id=3, full_name="Dr One", email="one@example.org", specialization="Cardiology")
    two = User(id=4, full_name="Dr Two", email="two@example.org", specialization=None)
    done = Appointment(id=11, doctor_id=3, start_time=at(9), end_time=at(9, 30), status="completed")
    soon = Appointment(id=12, doctor_id=4, start_time=at(8), end_time=at(8, 30), status="confirmed")
    linked = MedicalRecord(id=21, doctor_id=3, appointment_id=11, created_at=at(10))
    amended = RecordVersion(
        version=2, diagnosis="Dx", prescription="Rx", notes="Notes", amended_at=at(11)
    )
    loose = MedicalRecord(id=22, doctor_id=4, appointment_id=None, created_at=at(12))
    first = RecordVersion(version=1, diagnosis="Dx2", prescription=None, notes=None)
    records = [(linked, amended, one), (loose, first, two)]
    return build_bundle(patient, [two, one], [done, soon], records, BASE_URL, at(13))


def record_meta(version: str, updated: str, record_id: str) -> dict[str, Any]:
    return {
        "meta": {"versionId": version, "lastUpdated": updated},
        "identifier": [{"system": "urn:clinic360:medical-record", "value": record_id}],
    }


def participants(doctor_id: int) -> list[dict[str, Any]]:
    return [
        {"actor": ref("Patient", 7), "status": "accepted"},
        {"actor": ref("Practitioner", doctor_id), "status": "accepted"},
    ]


EXPECTED_RESOURCES: list[dict[str, Any]] = [
    {
        "resourceType": "Patient",
        "id": "7",
        "name": [{"text": "Pat Ient"}],
        "telecom": [{"system": "email", "value": "pat@example.org"}],
    },
    {
        "resourceType": "Practitioner",
        "id": "3",
        "name": [{"text": "Dr One"}],
        "qualification": [{"code": {"text": "Cardiology"}}],
    },
    {"resourceType": "Practitioner", "id": "4", "name": [{"text": "Dr Two"}]},
    {
        "resourceType": "Appointment",
        "id": "12",
        "status": "booked",
        "start": "2031-03-04T08:00:00Z",
        "end": "2031-03-04T08:30:00Z",
        "participant": participants(4),
    },
    {
        "resourceType": "Appointment",
        "id": "11",
        "status": "fulfilled",
        "start": "2031-03-04T09:00:00Z",
        "end": "2031-03-04T09:30:00Z",
        "participant": participants(3),
    },
    {
        "resourceType": "Encounter",
        "id": "11",
        "status": "finished",
        "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": "AMB",
            "display": "ambulatory",
        },
        "subject": ref("Patient", 7),
        "participant": [{"individual": ref("Practitioner", 3)}],
        "appointment": [ref("Appointment", 11)],
        "period": {"start": "2031-03-04T09:00:00Z", "end": "2031-03-04T09:30:00Z"},
    },
    {
        "resourceType": "Condition",
        "id": "21",
        **record_meta("2", "2031-03-04T11:00:00Z", "21"),
        "code": {"text": "Dx"},
        "subject": ref("Patient", 7),
        "encounter": ref("Encounter", 11),
        "recordedDate": "2031-03-04T10:00:00Z",
        "recorder": ref("Practitioner", 3),
        "note": [{"text": "Notes"}],
    },
    {
        "resourceType": "MedicationRequest",
        "id": "21",
        **record_meta("2", "2031-03-04T11:00:00Z", "21"),
        "status": "active",
        "intent": "order",
        "medicationCodeableConcept": {"text": "Rx"},
        "subject": ref("Patient", 7),
        "encounter": ref("Encounter", 11),
        "authoredOn": "2031-03-04T10:00:00Z",
        "requester": ref("Practitioner", 3),
        "reasonReference": [ref("Condition", 21)],
    },
    {
        "resourceType": "Condition",
        "id": "22",
        **record_meta("1", "2031-03-04T12:00:00Z", "22"),
        "code": {"text": "Dx2"},
        "subject": ref("Patient", 7),
        "recordedDate": "2031-03-04T12:00:00Z",
        "recorder": ref("Practitioner", 4),
    },
]


def test_bundle_content_is_pinned() -> None:
    body = json.loads(bundle_json(build()))
    assert uuid.UUID(body.pop("id")).version == 4
    assert body == {
        "resourceType": "Bundle",
        "meta": {"lastUpdated": "2031-03-04T13:00:00Z"},
        "type": "collection",
        "timestamp": "2031-03-04T13:00:00Z",
        "entry": [
            {"fullUrl": urn(r["resourceType"], int(r["id"])), "resource": r}
            for r in EXPECTED_RESOURCES
        ],
    }
    # fullUrls are stable across releases: a client may have stored them.
    assert urn("Patient", 7) == "urn:uuid:d0bebca9-0cf1-5cfb-9896-84f07ced2852"


def test_output_parses_back_into_an_equal_bundle() -> None:
    text = bundle_json(build())
    parsed = Bundle.model_validate_json(text)  # raises on anything R4B does not accept
    assert json.loads(bundle_json(parsed)) == json.loads(text)
    assert Bundle.model_validate(json.loads(text)) == parsed


def test_a_resource_missing_a_required_element_cannot_be_built() -> None:
    with pytest.raises(ValidationError, match="subject"):
        Condition(code={"text": "Dx"})  # type: ignore[arg-type]
