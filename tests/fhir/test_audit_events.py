"""`GET /fhir/R4/AuditEvent`: a patient's own access log through an app they authorized,
the same events as `/api/access-log` (newest first, paged like every searchset), each a
valid R4B AuditEvent; no other patient's, no system app's, no doctor's (SQLite, PostgreSQL)."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.auditevent import AuditEvent
from fhir.resources.R4B.bundle import Bundle
from flask_openapi3 import OpenAPI

from tests.factories import (
    REDIRECT_URI,
    Party,
    at,
    authorization_code,
    booked,
    new_party,
    open_doctor,
    pkce_pair,
    register_app,
    system_token,
    token_request,
    write_record,
)
from tests.helpers import ApiClient

SCOPE = "patient/AuditEvent.rs user/AuditEvent.rs"


def _user_token(app: OpenAPI, user: Party[ApiClient], scope: str) -> str:
    oauth_app = register_app(app, grant_types=("authorization_code",), scope=SCOPE)
    verifier, challenge = pkce_pair()
    code = authorization_code(user, oauth_app, scope, challenge)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
            "code_verifier": verifier}  # fmt: skip
    response = token_request(ApiClient(app), oauth_app, **form)
    assert response.status_code == 200, response.get_data(as_text=True)
    return str(response.get_json()["access_token"])


def _search(client: ApiClient, token: str, query: str = "") -> Any:
    return client.http.get(f"/fhir/R4/AuditEvent{query}",
                           headers={"Authorization": f"Bearer {token}"})  # fmt: skip


def test_a_patient_app_reads_the_patients_access_log(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    other = new_party(ApiClient(app))
    booked(patient, doctor, at(10))
    write_record(doctor, patient, diagnosis="Sprain", notes="Rest")
    doctor.client.call("GET", f"/api/patients/{patient.id}")
    patient.client.call("GET", f"/api/patients/{patient.id}/fhir")
    expected = patient.client.call("GET", "/api/access-log")
    assert len(expected) >= 3

    token = _user_token(app, patient, "patient/AuditEvent.rs")
    client = ApiClient(app)
    response = _search(client, token, f"?patient=Patient/{patient.id}&_count=2")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/fhir+json"
    bundle = Bundle.model_validate_json(response.get_data())
    assert bundle.total == len(expected)
    assert len(bundle.entry) == 2
    next_url = next(link.url for link in bundle.link if link.relation == "next")
    assert next_url.startswith("http://localhost/fhir/R4/AuditEvent?")

    everything = _search(client, token, f"?patient={patient.id}&_count=100").get_json()
    events = [AuditEvent.model_validate(e["resource"]) for e in everything["entry"]]
    assert [e.entity[0].description for e in events] == [x["description"] for x in expected]
    assert [e.subtype[0].code for e in events] == [x["action"] for x in expected]
    by_action = {e.subtype[0].code: e for e in events}
    created = by_action["record.create"]
    assert created.action == "C"
    assert created.agent[0].who.reference == f"Practitioner/{doctor.id}"
    assert created.entity[0].what.reference == f"Patient/{patient.id}"
    read = by_action["patient.read"]
    assert read.action == "R"
    assert by_action["fhir.export"].agent[0].who.reference == f"Patient/{patient.id}"
    # Without `patient`, the token's own log.
    assert _search(client, token).get_json()["total"] == len(expected)

    # Another patient's log: refused, whatever the reference.
    refused = _search(client, token, f"?patient=Patient/{other.id}")
    assert refused.status_code == 403
    assert refused.mimetype == "application/fhir+json"


def test_only_a_patients_token_with_the_scope_reads_it(app: OpenAPI) -> None:
    client = ApiClient(app)
    patient = new_party(ApiClient(app))
    doctor = open_doctor(ApiClient(app))
    doctor_token = _user_token(app, doctor, "user/AuditEvent.rs")
    assert _search(client, doctor_token, f"?patient={patient.id}").status_code == 403
    system_app = register_app(app, scope="system/AuditEvent.rs system/Slot.rs")
    system = system_token(client, system_app, "system/AuditEvent.rs")
    assert _search(client, system, f"?patient={patient.id}").status_code == 403
    slot_only = system_token(client, system_app, "system/Slot.rs")
    assert _search(client, slot_only).status_code == 403
    assert client.http.get("/fhir/R4/AuditEvent").status_code == 401
    bad = _search(client, _user_token(app, patient, "patient/AuditEvent.rs"), "?patient=x")
    assert bad.status_code == 400
