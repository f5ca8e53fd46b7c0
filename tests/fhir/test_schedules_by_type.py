"""Schedules per visit type (issue 20): one Schedule per doctor and visit type patients may
book online, the default type's keeping the doctor's id (`12`), each other type's
`<doctor>-<type>`; a Slot search by a schedule lists that type's slots exactly as
`/api/doctors/:id/slots?visitType=<id>` does, and a Slot reference books that type. Every
body validated with fhir.resources.R4B (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from typing import Any

from fhir.resources.R4B.appointment import Appointment
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.schedule import Schedule
from fhir.resources.R4B.slot import Slot
from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from tests.factories import (
    Party,
    at,
    default_visit_type_id,
    iso,
    new_party,
    open_doctor,
    register_app,
    system_token,
)
from tests.helpers import ApiClient

SYSTEM = "urn:clinic360:visit-type"
FOLLOW_UP = {"name": "Follow-up", "durationMinutes": 15, "slotGridMinutes": 15}
SCOPE = "system/Schedule.rs system/Slot.rs system/Appointment.cruds"
FHIR_JSON = "application/fhir+json"


def _get(client: ApiClient, token: str, path: str) -> TestResponse:
    return client.http.get(path, headers={"Authorization": f"Bearer {token}"})


def _bundle(client: ApiClient, token: str, path: str) -> tuple[Bundle, list[dict[str, Any]]]:
    response = _get(client, token, path)
    assert response.status_code == 200, (path, response.get_data(as_text=True))
    assert response.mimetype == FHIR_JSON
    bundle = Bundle.model_validate_json(response.get_data())
    return bundle, [entry["resource"] for entry in response.get_json().get("entry", [])]


def _codes(resource: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["system"], c["code"]) for s in resource.get("serviceType", []) for c in s["coding"]]


def _setup(app: OpenAPI) -> tuple[Party[ApiClient], int, dict[str, Any], ApiClient, str]:
    doctor = open_doctor(ApiClient(app))
    follow_up = doctor.client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    client = ApiClient(app)
    token = system_token(client, register_app(app, scope=SCOPE), SCOPE)
    return doctor, default_visit_type_id(doctor), follow_up, client, token


def test_one_schedule_per_bookable_visit_type(app: OpenAPI) -> None:
    doctor, default_id, follow_up, client, token = _setup(app)
    doctor.client.call("POST", "/api/visit-types",
                       {**FOLLOW_UP, "name": "Desk only", "bookableBy": "staff_only"},
                       status=201)  # fmt: skip
    per_type = f"{doctor.id}-{follow_up['id']}"

    bundle, found = _bundle(client, token, f"/fhir/R4/Schedule?actor=Practitioner/{doctor.id}")
    assert bundle.total == 2  # the staff-only type has no public calendar
    assert [s["id"] for s in found] == [str(doctor.id), per_type]
    for schedule in found:
        Schedule.model_validate(schedule)
        assert schedule["actor"][0]["reference"] == f"Practitioner/{doctor.id}"
    assert _codes(found[0]) == [(SYSTEM, str(default_id))]
    assert _codes(found[1]) == [(SYSTEM, str(follow_up["id"]))]
    assert found[1]["serviceType"][0]["coding"][0]["display"] == "Follow-up"

    # Reads: the doctor's id as before, the per-type id; nothing else.
    for schedule in found:
        response = _get(client, token, f"/fhir/R4/Schedule/{schedule['id']}")
        assert response.status_code == 200
        assert Schedule.model_validate_json(response.get_data()).id == schedule["id"]
    other = open_doctor(ApiClient(app))
    theirs = other.client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    types = doctor.client.call("GET", "/api/visit-types")
    staff_only = next(t for t in types if t["name"] == "Desk only")
    for missing in (f"{doctor.id}-{default_id}",  # the default type's calendar is `<doctor>`
                    f"{doctor.id}-{staff_only['id']}", f"{doctor.id}-{theirs['id']}",
                    f"{doctor.id}-{follow_up['id']}-1", "abc", f"{doctor.id}-", "0"):  # fmt: skip
        response = _get(client, token, f"/fhir/R4/Schedule/{missing}")
        assert response.status_code == 404, missing
        assert response.mimetype == FHIR_JSON
        OperationOutcome.model_validate_json(response.get_data())

    # Searches by _id and service-type.
    for query, ids in (
        (f"_id={per_type}", [per_type]),
        (f"_id=Schedule/{per_type}", [per_type]),
        (f"_id={doctor.id}", [str(doctor.id)]),
        (f"actor=Practitioner/{doctor.id}&service-type={follow_up['id']}", [per_type]),
        (f"actor={doctor.id}&service-type={SYSTEM}|{default_id}", [str(doctor.id)]),
        (f"actor=Practitioner/{doctor.id}&service-type={theirs['id']}", []),
        (f"actor=Practitioner/{other.id}&_id={per_type}", []),
        (f"_id={doctor.id}-{default_id}", []),
    ):
        bundle, found = _bundle(client, token, f"/fhir/R4/Schedule?{query}")
        assert [s["id"] for s in found] == ids, query
        assert bundle.total == len(ids)
    assert _get(client, token, "/fhir/R4/Schedule?_id=1-2-3").status_code == 400


def test_slots_of_a_schedule_are_its_visit_type_s(app: OpenAPI) -> None:
    doctor, default_id, follow_up, client, token = _setup(app)
    per_type = f"{doctor.id}-{follow_up['id']}"
    cases = (
        (f"schedule=Schedule/{per_type}", follow_up["id"], per_type),
        (f"schedule={per_type}&service-type={follow_up['id']}", follow_up["id"], per_type),
        (f"schedule=Schedule/{doctor.id}", default_id, str(doctor.id)),
        # The doctor's own id also takes service-type (as before per-type schedules): the
        # slots are that type's, and name its schedule.
        (f"schedule={doctor.id}&service-type={follow_up['id']}", follow_up["id"], per_type),
    )
    for query, type_id, schedule_id in cases:
        expected = client.call("GET", f"/api/doctors/{doctor.id}/slots?visitType={type_id}")
        bundle, slots = _bundle(client, token, f"/fhir/R4/Slot?{query}&_count=100")
        assert bundle.total == len(expected), query
        assert [(s["start"], s["end"]) for s in slots] == [
            (e["startTime"], e["endTime"]) for e in expected[: len(slots)]
        ], query
        for slot in slots:
            Slot.model_validate(slot)
            assert slot["schedule"]["reference"] == f"Schedule/{schedule_id}"
            assert slot["id"].startswith(f"{schedule_id}-") and slot["id"].count("-") == (
                schedule_id.count("-") + 2
            )
            assert _codes(slot) == [(SYSTEM, str(type_id))]
    # A per-type schedule lists only its type; the default type's calendar is `<doctor>`.
    for query in (
        f"schedule={per_type}&service-type={default_id}",
        f"schedule={doctor.id}-{default_id}",
        f"schedule={doctor.id}-999999",
    ):
        bundle, slots = _bundle(client, token, f"/fhir/R4/Slot?{query}")
        assert (bundle.total, slots) == (0, []), query
    for query in ("schedule=1-2-3", "schedule=Schedule/1-", "schedule=Practitioner/1"):
        assert _get(client, token, f"/fhir/R4/Slot?{query}").status_code == 400, query


def _post(client: ApiClient, token: str, body: dict[str, Any]) -> TestResponse:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": FHIR_JSON}
    return client.http.post("/fhir/R4/Appointment", headers=headers, data=json.dumps(body))


def _booking(patient_id: int, doctor_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "Appointment",
        "status": "booked",
        "participant": [
            {"actor": {"reference": f"Patient/{patient_id}"}, "status": "accepted"},
            {"actor": {"reference": f"Practitioner/{doctor_id}"}, "status": "accepted"},
        ],
        **extra,
    }


def test_a_slot_of_a_visit_type_books_that_type(app: OpenAPI) -> None:
    doctor, default_id, follow_up, client, token = _setup(app)
    patient = new_party(ApiClient(app))
    per_type = f"{doctor.id}-{follow_up['id']}"
    free = f"/fhir/R4/Slot?schedule={per_type}&start=ge{iso(at(9))}&_count=2"
    _, slots = _bundle(client, token, free)
    slot = slots[0]

    # serviceType naming another type than the slot's: 422, nothing booked.
    coded = {"serviceType": [{"coding": [{"system": SYSTEM, "code": str(default_id)}]}]}
    wrong = _booking(patient.id, doctor.id, slot=[{"reference": f"Slot/{slot['id']}"}], **coded)
    assert _post(client, token, wrong).status_code == 422
    assert patient.client.call("GET", "/api/appointments") == []

    by_slot = _booking(patient.id, doctor.id, slot=[{"reference": f"Slot/{slot['id']}"}])
    response = _post(client, token, by_slot)
    assert response.status_code == 201, response.get_data(as_text=True)
    created = Appointment.model_validate_json(response.get_data())
    assert created.minutesDuration == 15
    assert [(c.system, c.code) for c in created.serviceType[0].coding] == [
        (SYSTEM, str(follow_up["id"]))
    ]
    web = patient.client.call("GET", f"/api/appointments/{created.id}")
    assert web["visitType"]["id"] == follow_up["id"]
    assert (web["startTime"], web["endTime"]) == (slot["start"], slot["end"])

    # By start, with serviceType coded as Slot codes it: that type (15 minutes).
    nxt = slots[1]
    coded = {"serviceType": [{"coding": [{"system": SYSTEM, "code": str(follow_up["id"])}]}]}
    by_start = _booking(patient.id, doctor.id, start=nxt["start"], **coded)
    response = _post(client, token, by_start)
    assert response.status_code == 201, response.get_data(as_text=True)
    second = patient.client.call("GET", f"/api/appointments/{response.get_json()['id']}")
    assert second["visitType"]["id"] == follow_up["id"]
    assert second["endTime"] == nxt["end"]
    # Both booked slots are gone from the schedule.
    _, after = _bundle(client, token, free)
    assert {s["start"] for s in after}.isdisjoint({slot["start"], nxt["start"]})
