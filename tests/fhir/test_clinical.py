"""`/fhir/R4/Patient` and `/fhir/R4/Appointment` over the test client (SQLite and
PostgreSQL): the web app's access rules through bearer tokens, the access log naming the
app, bookings and cancellations through the booking services, and the bad-input list of
issue 20 (each refused with nothing booked). Every body is validated with fhir.resources."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from fhir.resources.R4B.appointment import Appointment
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitionerrole import PractitionerRole
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select, update
from werkzeug.test import TestResponse

from clinic360.appointments.models import Appointment as AppointmentRow
from clinic360.audit.models import AccessEvent
from clinic360.core.db import transaction
from clinic360.oauth.models import OAuthToken
from tests.factories import (
    REDIRECT_URI,
    OAuthApp,
    Party,
    at,
    authorization_code,
    booked,
    ensure_specialization,
    iso,
    new_party,
    open_doctor,
    pkce_pair,
    register_app,
    system_token,
    token_request,
    unique,
)
from tests.helpers import ApiClient

FHIR_JSON = "application/fhir+json"
PATIENT_SCOPE = "patient/Patient.rs patient/Appointment.cruds patient/Slot.rs"
USER_SCOPE = "user/Patient.rs user/Appointment.rs"
SYSTEM_SCOPE = "system/Patient.rs system/Appointment.cruds system/Slot.rs"


def _user_token(app: OpenAPI, party: Party[ApiClient], scope: str) -> tuple[str, OAuthApp]:
    oauth_app = register_app(app, grant_types=("authorization_code", "refresh_token"),
                             scope=scope, public=True)  # fmt: skip
    verifier, challenge = pkce_pair()
    code = authorization_code(party, oauth_app, scope, challenge)
    form = {"code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier}
    response = token_request(ApiClient(app), oauth_app, grant_type="authorization_code", **form)
    assert response.status_code == 200, response.get_data(as_text=True)
    return str(response.get_json()["access_token"]), oauth_app


def _send(app: OpenAPI, method: str, path: str, token: str, body: Any = None,
          raw: bytes | None = None) -> TestResponse:  # fmt: skip
    headers = {"Authorization": f"Bearer {token}", "Content-Type": FHIR_JSON}
    data = raw if raw is not None else (None if body is None else json.dumps(body))
    return ApiClient(app).http.open(path, method=method, headers=headers, data=data)


def _fhir(response: TestResponse, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == FHIR_JSON
    body: dict[str, Any] = response.get_json()
    model = {"Patient": Patient, "Appointment": Appointment, "Bundle": Bundle,
             "PractitionerRole": PractitionerRole,
             "OperationOutcome": OperationOutcome}[body["resourceType"]]  # fmt: skip
    model.model_validate(body)
    return body


def _appointment(patient_id: int, doctor_id: int, start: Any, minutes: int = 30,
                 **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {
        "resourceType": "Appointment",
        "status": "booked",
        "start": iso(start),
        "end": iso(start + timedelta(minutes=minutes)),
        "participant": [
            {"actor": {"reference": f"Patient/{patient_id}"}, "status": "accepted"},
            {"actor": {"reference": f"Practitioner/{doctor_id}"}, "status": "accepted"},
        ],
        **extra,
    }


def _count(app: OpenAPI) -> int:
    with app.app_context(), transaction(write=False) as session:
        return session.scalar(select(func.count(AppointmentRow.id))) or 0


def _log(app: OpenAPI, patient_id: int) -> list[tuple[str, str | None, int]]:
    with app.app_context(), transaction(write=False) as session:
        rows = session.execute(
            select(AccessEvent.action, AccessEvent.app, AccessEvent.actor_id)
            .where(AccessEvent.patient_id == patient_id)
            .order_by(AccessEvent.id)
        ).all()
    return [(a, b, c) for a, b, c in rows]


def _app_name(app: OpenAPI, oauth_app: OAuthApp) -> str:
    from clinic360.oauth.models import OAuthClient

    with app.app_context(), transaction(write=False) as session:
        return session.scalars(
            select(OAuthClient.name).where(OAuthClient.client_id == oauth_app.client_id)
        ).one()


def test_the_web_access_log_names_the_app_and_groups_its_accesses_apart(app: OpenAPI) -> None:
    """What the patient sees on "Who accessed my records": the doctor's read in the web app,
    then the same doctor's reads through an app a minute later, are two lines, the second
    naming the app (on the group and each of its events)."""
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    booked(patient, doctor, at(9))
    assert doctor.client.get(f"/api/patients/{patient.id}").status_code == 200
    token, oauth_app = _user_token(app, doctor, USER_SCOPE)
    for _ in range(2):
        _fhir(_send(app, "GET", f"/fhir/R4/Patient/{patient.id}", token), 200)
    response = patient.client.get("/api/access-log/groups")
    assert response.status_code == 200
    by_doctor = [g for g in response.get_json() if g["actor"]["id"] == doctor.id]
    name = _app_name(app, oauth_app)
    assert [(g["app"], g["count"]) for g in by_doctor] == [(name, 2), (None, 1)]
    assert {e["app"] for e in by_doctor[0]["events"]} == {name}
    assert [e["app"] for e in by_doctor[1]["events"]] == [None]


def test_patient_read_and_search_follow_the_web_rules(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    stranger_doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    other = new_party(ApiClient(app))
    booked(patient, doctor, at(9))
    token, oauth_app = _user_token(app, patient, PATIENT_SCOPE)

    own = _fhir(_send(app, "GET", f"/fhir/R4/Patient/{patient.id}", token), 200)
    assert own["id"] == str(patient.id)
    assert own["name"][0]["text"] == patient.user["fullName"]
    assert ("patient.read", _app_name(app, oauth_app), patient.id) in _log(app, patient.id)
    missing = _send(app, "GET", "/fhir/R4/Patient/987654321", token)
    hidden = _send(app, "GET", f"/fhir/R4/Patient/{other.id}", token)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data() == missing.get_data()
    search = _fhir(_send(app, "GET", "/fhir/R4/Patient", token), 200)
    assert search["total"] == 1 and search["entry"][0]["resource"]["id"] == str(patient.id)
    assert _log(app, other.id) == []

    doctor_token, doctor_app = _user_token(app, doctor, USER_SCOPE)
    in_care = _fhir(_send(app, "GET", f"/fhir/R4/Patient/{patient.id}", doctor_token), 200)
    assert in_care["id"] == str(patient.id)
    assert ("patient.read", _app_name(app, doctor_app), doctor.id) in _log(app, patient.id)
    _fhir(_send(app, "GET", f"/fhir/R4/Patient/{other.id}", doctor_token), 404)
    name = patient.user["fullName"].split()[0]
    found = _fhir(_send(app, "GET", f"/fhir/R4/Patient?name={name}", doctor_token), 200)
    assert [e["resource"]["id"] for e in found["entry"]] == [str(patient.id)]
    stranger_token, _ = _user_token(app, stranger_doctor, USER_SCOPE)
    _fhir(_send(app, "GET", f"/fhir/R4/Patient/{patient.id}", stranger_token), 404)
    assert _fhir(_send(app, "GET", "/fhir/R4/Patient", stranger_token), 200)["total"] == 0

    system_app = register_app(app, scope=SYSTEM_SCOPE)
    system = system_token(ApiClient(app), system_app, "system/Patient.rs")
    read = _fhir(_send(app, "GET", f"/fhir/R4/Patient/{other.id}?_id=x", system), 200)
    assert read["id"] == str(other.id)
    assert _log(app, other.id) == [("patient.read", _app_name(app, system_app), other.id)]
    _fhir(_send(app, "GET", f"/fhir/R4/Patient/{doctor.id}", system), 404)  # not a patient
    _fhir(_send(app, "GET", f"/fhir/R4/Appointment?patient={other.id}", system), 403)


def test_book_read_search_cancel_as_the_patient(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    token, oauth_app = _user_token(app, patient, PATIENT_SCOPE)
    created = _send(app, "POST", "/fhir/R4/Appointment", token,
                    _appointment(patient.id, doctor.id, at(10)))  # fmt: skip
    body = _fhir(created, 201)
    assert created.headers["Location"] == f"http://localhost/fhir/R4/Appointment/{body['id']}"
    assert body["status"] == "booked" and body["start"].startswith(iso(at(10))[:16])
    # The same booking as the web app sees it.
    mine = patient.client.call("GET", f"/api/appointments/{body['id']}")
    assert mine["status"] == "scheduled" and mine["doctor"]["id"] == doctor.id

    # A second one from a Slot the server offered.
    query = f"schedule={doctor.id}&start=ge{iso(at(12))}&_count=1"
    slot = _fhir(_send(app, "GET", f"/fhir/R4/Slot?{query}", token), 200)["entry"][0]["resource"]
    second = _appointment(patient.id, doctor.id, at(12))
    del second["start"], second["end"]
    second["slot"] = [{"reference": f"Slot/{slot['id']}"}]
    by_slot = _fhir(_send(app, "POST", "/fhir/R4/Appointment", token, second), 201)
    assert by_slot["start"] == slot["start"]

    read = _fhir(_send(app, "GET", f"/fhir/R4/Appointment/{body['id']}", token), 200)
    assert read["participant"][1]["actor"]["reference"] == f"Practitioner/{doctor.id}"
    name = _app_name(app, oauth_app)
    assert ("appointment.read", name, patient.id) in _log(app, patient.id)
    for ref in (f"Patient/{patient.id}", str(patient.id)):
        page1 = _fhir(_send(app, "GET", f"/fhir/R4/Appointment?patient={ref}&_count=1", token), 200)
        assert page1["total"] == 2 and len(page1["entry"]) == 1
        links = {link["relation"]: link["url"] for link in page1["link"]}
        assert links["next"].startswith("http://localhost/fhir/R4/Appointment?")
        page2 = _fhir(_send(app, "GET", links["next"].removeprefix("http://localhost"), token), 200)
        assert "next" not in {link["relation"] for link in page2["link"]}
        ids = [page1["entry"][0]["resource"]["id"], page2["entry"][0]["resource"]["id"]]
        assert ids == [body["id"], by_slot["id"]]
    later = f"/fhir/R4/Appointment?actor=Practitioner/{doctor.id}&date=ge{iso(at(11))}"
    assert [e["resource"]["id"] for e in _fhir(_send(app, "GET", later, token), 200)["entry"]] == [
        by_slot["id"]
    ]

    cancel = {**read, "status": "cancelled", "cancelationReason": {"text": "Feeling better"}}
    done = _fhir(_send(app, "PUT", f"/fhir/R4/Appointment/{body['id']}", token, cancel), 200)
    assert done["status"] == "cancelled"
    assert patient.client.call("GET", f"/api/appointments/{body['id']}")["status"] == "cancelled"
    cancelled = _send(app, "GET", "/fhir/R4/Appointment?status=cancelled", token)
    assert _fhir(cancelled, 200)["total"] == 1
    no_reason = {**by_slot, "status": "cancelled"}
    _fhir(_send(app, "PUT", f"/fhir/R4/Appointment/{by_slot['id']}", token, no_reason), 422)


def test_taken_time_is_a_409_with_alternatives(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    first = new_party(ApiClient(app))
    booked(first, doctor, at(9))
    patient = new_party(ApiClient(app))
    token, _ = _user_token(app, patient, PATIENT_SCOPE)
    before = _count(app)
    response = _send(app, "POST", "/fhir/R4/Appointment", token,
                     _appointment(patient.id, doctor.id, at(9)))  # fmt: skip
    outcome = _fhir(response, 409)
    assert outcome["issue"][0]["code"] == "conflict"
    assert iso(at(9, 30)) in outcome["issue"][0]["diagnostics"]  # the next free time
    assert _count(app) == before


def test_bad_input_is_refused_and_nothing_is_booked(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    other = new_party(ApiClient(app))
    other_visit = booked(other, doctor, at(15))
    token, _ = _user_token(app, patient, PATIENT_SCOPE)
    read_only, _ = _user_token(app, patient, "patient/Appointment.rs")
    good = _appointment(patient.id, doctor.id, at(10))
    before = _count(app)

    def refused(status: int, body: Any = None, *, raw: bytes | None = None,
                with_token: str = token) -> None:  # fmt: skip
        response = _send(app, "POST", "/fhir/R4/Appointment", with_token, body, raw)
        _fhir(response, status)
        assert _count(app) == before

    refused(400, raw=b'{"resourceType": "Appointment", ')
    refused(400, raw=b"[1, 2]")
    refused(400, {**good, "resourceType": "Patient"})
    refused(422, {**good, "status": "proposed"})
    refused(422, {**good, "status": "nonsense"})
    refused(422, {**good, "participant": good["participant"][:1]})
    refused(422, {**good, "start": "tomorrow"})
    refused(403, _appointment(other.id, doctor.id, at(10)))  # another patient
    refused(403, good, with_token=read_only)  # beyond the token's scopes
    doctor_token, _ = _user_token(app, doctor, "user/Appointment.cruds")
    refused(403, good, with_token=doctor_token)  # doctors book through /api
    # Another patient's appointment: not found, never cancelled.
    cancel = {"resourceType": "Appointment", "status": "cancelled",
              "cancelationReason": {"text": "x"}, "participant": good["participant"]}  # fmt: skip
    path = f"/fhir/R4/Appointment/{other_visit['id']}"
    _fhir(_send(app, "PUT", path, token, cancel), 404)
    hidden = _send(app, "GET", path, token)
    missing = _send(app, "GET", "/fhir/R4/Appointment/987654321", token)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.get_data() == missing.get_data()  # no existence oracle
    unrelated, _ = _user_token(app, open_doctor(ApiClient(app)), "user/Appointment.rs")
    _fhir(_send(app, "GET", path, unrelated), 404)
    listed = _send(app, "GET", f"/fhir/R4/Appointment?patient={other.id}", unrelated)
    assert _fhir(listed, 200)["total"] == 0
    assert other.client.call("GET", f"/api/appointments/{other_visit['id']}")["status"] == (
        "scheduled"
    )
    # An expired token, then a revoked one.
    with app.app_context(), transaction() as session:
        session.execute(update(OAuthToken).values(access_expires_at=at(0, offset=-1)))
    refused(401, good)
    fresh, fresh_app = _user_token(app, patient, PATIENT_SCOPE)
    revoke = ApiClient(app).http.post("/oauth2/revoke", data={"token": fresh,
                                      "client_id": fresh_app.client_id})  # fmt: skip
    assert revoke.status_code == 200
    refused(401, good, with_token=fresh)


def test_system_app_books_for_a_patient(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    system_app = register_app(app, scope=SYSTEM_SCOPE)
    token = system_token(ApiClient(app), system_app, SYSTEM_SCOPE)
    body = _fhir(_send(app, "POST", "/fhir/R4/Appointment", token,
                       _appointment(patient.id, doctor.id, at(11))), 201)  # fmt: skip
    assert patient.client.call("GET", f"/api/appointments/{body['id']}")["status"] == "scheduled"
    search = _fhir(_send(app, "GET", f"/fhir/R4/Appointment?patient={patient.id}", token), 200)
    assert search["total"] == 1
    assert ("appointments.list", _app_name(app, system_app), patient.id) in _log(app, patient.id)
    _fhir(_send(app, "POST", "/fhir/R4/Appointment", token,
                _appointment(doctor.id, doctor.id, at(12))), 404)  # fmt: skip


def test_practitioner_roles_by_practitioner_and_specialty(app: OpenAPI) -> None:
    specialty = unique("Spec")
    ensure_specialization(app, specialty)
    doctors = [open_doctor(ApiClient(app), specialization=specialty) for _ in range(3)]
    other = open_doctor(ApiClient(app))
    token = system_token(ApiClient(app), register_app(app, scope="system/PractitionerRole.rs"),
                         "system/PractitionerRole.rs")  # fmt: skip
    read = _send(app, "GET", f"/fhir/R4/PractitionerRole/{doctors[0].id}", token)
    assert read.status_code == 200
    role = PractitionerRole.model_validate_json(read.get_data())
    assert role.practitioner.reference == f"Practitioner/{doctors[0].id}"
    assert role.specialty[0].text == specialty
    found = _fhir(_send(app, "GET", f"/fhir/R4/PractitionerRole?specialty={specialty}&_count=2",
                        token), 200)  # fmt: skip
    assert found["total"] == 3 and len(found["entry"]) == 2
    assert {link["relation"] for link in found["link"]} == {"self", "next"}
    code = role.specialty[0].coding[0]
    by_code = f"/fhir/R4/PractitionerRole?specialty={code.system}|{code.code}"
    assert _fhir(_send(app, "GET", by_code, token), 200)["total"] == 3
    mine = f"/fhir/R4/PractitionerRole?practitioner=Practitioner/{other.id}&specialty={specialty}"
    assert _fhir(_send(app, "GET", mine, token), 200)["total"] == 0
    mine = f"/fhir/R4/PractitionerRole?practitioner={other.id}"
    assert _fhir(_send(app, "GET", mine, token), 200)["total"] == 1
    _fhir(_send(app, "GET", "/fhir/R4/PractitionerRole?practitioner=Slot/1", token), 400)


def test_dates_at_the_ends_of_the_calendar_are_refused(app: OpenAPI) -> None:
    token = system_token(ApiClient(app), register_app(app, scope="system/Appointment.rs"),
                         "system/Appointment.rs")  # fmt: skip
    for value in ("9999-12-31", "gt9999-12-31T23:59:59Z", "lt0001-01-01"):
        _fhir(_send(app, "GET", f"/fhir/R4/Appointment?date={value}", token), 400)
