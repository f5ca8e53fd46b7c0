"""FHIR export: a valid R4 Bundle with correct references and only the caller's data (AC-08)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from flask_openapi3 import OpenAPI
from sqlalchemy import text

from clinic360.core.db import db
from tests.factories import Party
from tests.records.conftest import AddAppointment, People, create_record


def _references(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_references(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_references(item))
    return found


def _export(who: Party, patient: Party) -> dict[str, Any]:
    response = who.client.get(f"/api/patients/{patient.id}/fhir")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/fhir+json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    body: dict[str, Any] = response.get_json(force=True)
    return body


def test_bundle_validates_and_every_reference_resolves(
    people: People, add_appointment: AddAppointment
) -> None:
    visit = add_appointment(people.p1, people.d1)
    add_appointment(people.p1, people.d2)
    with_visit = create_record(people.d1, people.p1, appointmentId=visit)
    without_rx = create_record(people.d2, people.p1, prescription=None, notes=None)
    people.d1.client.put(
        f"/api/records/{with_visit['id']}", json={"diagnosis": "Amended dx", "reason": "typo"}
    )

    bundle = _export(people.p1, people.p1)
    Bundle.model_validate(bundle)  # raises on anything R4B does not accept
    assert bundle["type"] == "collection"
    full_urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(full_urls) == len(set(full_urls))
    assert set(_references(bundle)) <= set(full_urls)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for entry in bundle["entry"]:
        by_type.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    assert len(by_type["Patient"]) == 1
    assert by_type["Patient"][0]["name"][0]["text"] == people.p1.user["fullName"]
    assert {p["id"] for p in by_type["Practitioner"]} == {str(people.d1.id), str(people.d2.id)}
    assert len(by_type["Appointment"]) == 2
    assert [e["id"] for e in by_type["Encounter"]] == [str(visit)]
    conditions = {c["id"]: c for c in by_type["Condition"]}
    assert conditions[str(with_visit["id"])]["code"]["text"] == "Amended dx"
    assert conditions[str(with_visit["id"])]["meta"]["versionId"] == "2"
    assert conditions[str(with_visit["id"])]["note"][0]["text"] == with_visit["notes"]
    assert "encounter" not in conditions[str(without_rx["id"])]
    (medication,) = by_type["MedicationRequest"]
    assert medication["medicationCodeableConcept"]["text"] == with_visit["prescription"]
    condition_url = next(
        e["fullUrl"] for e in bundle["entry"] if e["resource"] is conditions[str(with_visit["id"])]
    )
    assert medication["reasonReference"] == [{"reference": condition_url}]
    assert all("email" not in str(p) for p in by_type["Practitioner"])


def test_doctor_export_has_all_records_but_only_their_appointments(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    other = add_appointment(people.p1, people.d2)
    create_record(people.d2, people.p1)
    bundle = _export(people.d1, people.p1)
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    appointment_ids = [r["id"] for r in resources if r["resourceType"] == "Appointment"]
    assert str(other) not in appointment_ids and len(appointment_ids) == 1
    assert len([r for r in resources if r["resourceType"] == "Condition"]) == 1


def test_colliding_ids_never_pull_in_another_patients_data(
    app: OpenAPI, people: People, add_appointment: AddAppointment, person: Callable[..., Party]
) -> None:
    """AC-08: a record id equal to another patient's id, an appointment id equal to a record
    id: the bundle, the records list and the access log still hold only P1's data."""
    add_appointment(people.p1, people.d1)
    add_appointment(people.p2, people.d1)
    foreign = [create_record(people.d1, people.p2) for _ in range(people.p1.id + 2)]
    own = create_record(people.d1, people.p1)
    assert any(r["id"] == people.p1.id for r in foreign)  # P2's record id == P1's user id
    assert own["id"] in {people.p2.id, *range(1, 40)}
    canaries = [r["diagnosis"] for r in foreign] + [r["notes"] for r in foreign]

    bodies = [
        people.p1.client.get(f"/api/patients/{people.p1.id}/fhir").get_data(as_text=True),
        people.p1.client.get(f"/api/records/{people.p1.id}").get_data(as_text=True),
        people.p1.client.get("/api/access-log").get_data(as_text=True),
    ]
    for body in bodies:
        assert not any(c in body for c in canaries)
    bundle = _export(people.p1, people.p1)
    patient_url = next(
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] in ("Condition", "MedicationRequest"):
            assert resource["subject"] == {"reference": patient_url}
    with app.app_context(), db.engine.connect() as conn:
        p1_rows = conn.scalar(
            text("SELECT count(*) FROM access_log WHERE patient_id = :p"), {"p": people.p1.id}
        )
    assert len(people.p1.client.get("/api/access-log").get_json()) == p1_rows


def test_every_appointment_status_has_its_fhir_codes() -> None:
    from clinic360.appointments.models import AppointmentStatus
    from clinic360.records.fhir import APPOINTMENT_STATUS, ENCOUNTER_STATUS

    statuses = {status.value for status in AppointmentStatus}
    assert set(APPOINTMENT_STATUS) == statuses == set(ENCOUNTER_STATUS)
    assert APPOINTMENT_STATUS["requested"] == "pending"
