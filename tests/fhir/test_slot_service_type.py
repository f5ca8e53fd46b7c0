"""Slot `service-type`: a doctor's visit type (code = its id), the same free times as the
web app's `/api/doctors/:id/slots?visitType=<id>`; every Slot names its type (SQLite,
PostgreSQL)."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.slot import Slot
from flask_openapi3 import OpenAPI

from tests.factories import default_visit_type_id, open_doctor, register_app, system_token
from tests.helpers import ApiClient

SYSTEM = "urn:clinic360:visit-type"
FOLLOW_UP = {"name": "Follow-up", "durationMinutes": 15, "slotGridMinutes": 15,
             "bufferAfterMinutes": 5}  # fmt: skip


def _slots(client: ApiClient, token: str, query: str) -> tuple[int, list[Slot], Any]:
    response = client.http.get(f"/fhir/R4/Slot?{query}&_count=100",
                               headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    if response.status_code != 200:
        return response.status_code, [], response.get_json()
    bundle = Bundle.model_validate_json(response.get_data())
    return 200, [Slot.model_validate(e.resource.model_dump()) for e in bundle.entry or []], bundle


def test_slots_by_visit_type_match_the_web_app(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    follow_up = doctor.client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    default_id = default_visit_type_id(doctor)
    client = ApiClient(app)
    token = system_token(client, register_app(app), "system/Slot.rs")
    schedule = f"schedule=Schedule/{doctor.id}"

    for type_id, query in ((follow_up["id"], f"&service-type={follow_up['id']}"),
                           (follow_up["id"], f"&service-type={SYSTEM}|{follow_up['id']}"),
                           (default_id, "")):  # fmt: skip
        expected = client.call("GET", f"/api/doctors/{doctor.id}/slots?visitType={type_id}")
        status, slots, bundle = _slots(client, token, schedule + query)
        assert status == 200
        assert bundle.total == len(expected)
        assert [s.start.isoformat().replace("+00:00", "Z") for s in slots] == [
            e["startTime"] for e in expected[: len(slots)]
        ]
        codings = {(s.serviceType[0].coding[0].system, s.serviceType[0].coding[0].code)
                   for s in slots}  # fmt: skip
        assert codings == {(SYSTEM, str(type_id))}
    named = _slots(client, token, f"{schedule}&service-type={follow_up['id']}")[1]
    assert named[0].serviceType[0].coding[0].display == "Follow-up"
    assert (named[0].end - named[0].start).total_seconds() == 15 * 60

    # Another doctor's type, an unknown one, another code system: no slots; garbage: 400.
    other = open_doctor(ApiClient(app))
    theirs = other.client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    for query in (f"service-type={theirs['id']}", "service-type=999999",
                  f"service-type=http://snomed.info/sct|{follow_up['id']}"):  # fmt: skip
        status, slots, bundle = _slots(client, token, f"{schedule}&{query}")
        assert (status, slots, bundle.total) == (200, [], 0), query
    assert _slots(client, token, f"{schedule}&service-type=follow-up")[0] == 400


def test_a_staff_only_type_is_not_offered(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    staff_only = doctor.client.call(
        "POST", "/api/visit-types", {**FOLLOW_UP, "bookableBy": "staff_only"}, status=201
    )
    client = ApiClient(app)
    token = system_token(client, register_app(app), "system/Slot.rs")
    query = f"schedule=Schedule/{doctor.id}&service-type={staff_only['id']}"
    status, slots, _ = _slots(client, token, query)
    assert (status, slots) == (200, [])
