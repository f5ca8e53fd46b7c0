"""`/fhir/R4` over the test client: discovery, bearer rules, search parameters, and errors
as OperationOutcome with the right status (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.schedule import Schedule
from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from tests.factories import day, iso, open_doctor, register_app, system_token
from tests.helpers import ApiClient

FHIR_JSON = "application/fhir+json"
OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"


def _outcome(response: TestResponse, status: int) -> OperationOutcome:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == FHIR_JSON
    return OperationOutcome.model_validate_json(response.get_data())


def _get(client: ApiClient, path: str, token: str | None) -> TestResponse:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.http.get(path, headers=headers)


def test_metadata_and_smart_configuration_are_public(client: ApiClient) -> None:
    response = client.http.get("/fhir/R4/metadata")
    assert response.status_code == 200
    assert response.mimetype == FHIR_JSON
    statement = CapabilityStatement.model_validate_json(response.get_data())
    assert statement.fhirVersion == "4.0.1"
    rest = statement.rest[0]
    uris = next(e for e in rest.security.extension if e.url == OAUTH_URIS)
    found = {e.url: e.valueUri for e in uris.extension}
    assert found["token"] == "http://localhost/oauth2/token"
    assert found["authorize"] == "http://localhost/oauth2/authorize"
    types = {r.type: r for r in rest.resource}
    assert set(types) == {
        "Practitioner", "PractitionerRole", "Schedule", "Slot", "Patient", "Appointment",
        "AuditEvent",
    }  # fmt: skip
    assert [i.code for i in types["AuditEvent"].interaction] == ["search-type"]
    booking = types["Appointment"]
    assert [i.code for i in booking.interaction] == ["read", "search-type", "create", "update"]
    assert {p.name for p in booking.searchParam} >= {"patient", "practitioner", "actor", "date"}
    assert "Set-Cookie" not in response.headers

    config = client.call("GET", "/fhir/R4/.well-known/smart-configuration")
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert config["token_endpoint"] == found["token"]
    assert "permission-v2" in config["capabilities"]


def test_bearer_token_required_and_scopes_narrow(app: OpenAPI, client: ApiClient) -> None:
    doctor = open_doctor(ApiClient(app))
    path = f"/fhir/R4/Practitioner/{doctor.id}"
    outcome = _outcome(_get(client, path, None), 401)
    assert outcome.issue[0].code == "login"
    response = _get(client, path, "not-a-token")
    _outcome(response, 401)
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    # A browser session is not a bearer token.
    patient = ApiClient(app)
    patient.log_in(doctor.username, doctor.password)
    _outcome(patient.http.get(path), 401)

    oauth_app = register_app(app)
    slots_only = system_token(client, oauth_app, "system/Slot.rs")
    response = _get(client, path, slots_only)
    _outcome(response, 403)
    assert response.headers["WWW-Authenticate"] == 'Bearer error="insufficient_scope"'
    read_only = system_token(client, oauth_app, "system/Practitioner.r")
    assert _get(client, path, read_only).status_code == 200
    _outcome(_get(client, "/fhir/R4/Practitioner", read_only), 403)  # no search (s)


def test_reads_and_searches(app: OpenAPI, client: ApiClient) -> None:
    doctor = open_doctor(ApiClient(app), address="1 Rue de la Paix")
    token = system_token(client, register_app(app), "system/Practitioner.rs system/Schedule.rs "
                                                     "system/Slot.rs")  # fmt: skip
    body = _get(client, f"/fhir/R4/Practitioner/{doctor.id}", token).get_data()
    practitioner = Practitioner.model_validate_json(body)
    assert practitioner.name[0].text == doctor.user["fullName"]
    assert b"@" not in body  # the directory never shows an email address
    schedule = Schedule.model_validate_json(
        _get(client, f"/fhir/R4/Schedule/{doctor.id}", token).get_data()
    )
    assert schedule.actor[0].reference == f"Practitioner/{doctor.id}"
    for query in (f"actor=Practitioner/{doctor.id}", f"_id={doctor.id}"):
        bundle = _bundle(_get(client, f"/fhir/R4/Schedule?{query}", token))
        assert bundle.total == 1

    start, end = day(7), day(7) + timedelta(hours=24)
    expected = client.call(
        "GET", f"/api/doctors/{doctor.id}/slots?from={start.date()}&to={start.date()}"
    )
    query = f"schedule={doctor.id}&start=ge{iso(start)}&start=lt{iso(end)}&_count=5"
    bundle = _bundle(_get(client, f"/fhir/R4/Slot?{query.replace('+', '%2B')}", token))
    assert bundle.total == len(expected)
    assert [e.resource.start.isoformat() for e in bundle.entry] == [
        e["startTime"].replace("Z", "+00:00") for e in expected[:5]
    ]
    links = {link.relation: link.url for link in bundle.link}
    assert links["self"].startswith("http://localhost/fhir/R4/Slot?")
    assert "_offset=5" in links["next"]
    busy = _bundle(_get(client, f"/fhir/R4/Slot?schedule={doctor.id}&status=busy", token))
    assert busy.total == 0
    unknown = _bundle(_get(client, "/fhir/R4/Slot?schedule=Schedule/999999", token))
    assert unknown.total == 0
    capped = _bundle(_get(client, f"/fhir/R4/Slot?schedule={doctor.id}&_count=100000", token))
    assert len(capped.entry) == min(100, capped.total)


def _bundle(response: TestResponse) -> Bundle:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == FHIR_JSON
    bundle = Bundle.model_validate_json(response.get_data())
    assert bundle.type == "searchset"
    return bundle


def test_errors_are_operation_outcomes(app: OpenAPI, client: ApiClient) -> None:
    token = system_token(client, register_app(app), "system/Practitioner.rs system/Slot.rs")
    cases: list[tuple[str, int]] = [
        ("/fhir/R4/Practitioner/999999", 404),
        ("/fhir/R4/Practitioner/abc", 404),
        ("/fhir/R4/Observation", 404),
        ("/fhir/R4/Practitioner?_count=-1", 400),
        ("/fhir/R4/Practitioner?_count=abc", 400),
        ("/fhir/R4/Slot", 400),
        ("/fhir/R4/Slot?schedule=Patient/1", 400),
        ("/fhir/R4/Slot?schedule=1&start=ge2026-13-45", 400),
        ("/fhir/R4/Slot?schedule=1&start=ge2026-01-01T10:00:00", 400),
    ]
    for path, status in cases:
        outcome = _outcome(_get(client, path, token), status)
        assert outcome.issue[0].severity == "error", path
    response = client.http.post(
        "/fhir/R4/Practitioner", headers={"Authorization": f"Bearer {token}"}
    )
    _outcome(response, 405)
    assert "GET" in response.headers["Allow"]


def _json(response: TestResponse) -> Any:
    return response.get_json()
