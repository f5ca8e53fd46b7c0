"""The access matrix of the bearer-token routes (`/fhir/R4`, `/oauth2`), which the session
matrix (access_matrix.py) cannot express: its principals are browsers with sessions, and
here a session counts for nothing. Principals are tokens: none, garbage, a system app with
every scope, a system app with `Slot` only, a patient's app, a revoked token. Every route
under /fhir/ and /oauth2/ must be listed; errors under /fhir are OperationOutcomes."""

from __future__ import annotations

from dataclasses import dataclass

from fhir.resources.R4B.operationoutcome import OperationOutcome
from flask_openapi3 import OpenAPI

from tests.factories import (
    REDIRECT_URI,
    authorization_code,
    new_party,
    open_doctor,
    pkce_pair,
    register_app,
    system_token,
    token_request,
)
from tests.helpers import ApiClient

TOKENS = ("none", "garbage", "system", "slot_only", "patient_app", "revoked")
ALL = (
    "system/Practitioner.rs system/Schedule.rs system/Slot.rs system/Patient.rs "
    "system/PractitionerRole.rs "
    "system/Appointment.cruds"
)
PATIENT = "patient/Practitioner.rs user/Schedule.rs user/Slot.rs offline_access"


@dataclass(frozen=True)
class Row:
    method: str
    rule: str
    expected: tuple[int, int, int, int, int, int]
    query: str = ""


def _read(allowed: int = 200) -> tuple[int, int, int, int, int, int]:
    return (401, 401, allowed, 403, allowed, 401)


def _system(allowed: int = 200) -> tuple[int, int, int, int, int, int]:
    """Only the system app holds Patient and Appointment scopes."""
    return (401, 401, allowed, 403, 403, 401)


ROWS = (
    Row("GET", "/fhir/R4/metadata", (200,) * 6),
    Row("GET", "/fhir/R4/.well-known/smart-configuration", (200,) * 6),
    Row("GET", "/fhir/R4/.well-known/openid-configuration", (200,) * 6),
    Row("GET", "/fhir/R4/Practitioner/<int:id>", _read()),
    Row("GET", "/fhir/R4/Practitioner", _read(), "?name=Dr"),
    Row("GET", "/fhir/R4/PractitionerRole/<int:id>", _system()),
    Row("GET", "/fhir/R4/PractitionerRole", _system(), "?practitioner={id}"),
    Row("GET", "/fhir/R4/Schedule/<string:id>", _read()),  # a visit type's: `<doctor>-<type>`
    Row("GET", "/fhir/R4/Schedule", _read(), "?actor=Practitioner/{id}"),
    Row("GET", "/fhir/R4/Slot", (401, 401, 200, 200, 200, 401), "?schedule=Schedule/{id}"),
    Row("GET", "/fhir/R4/AuditEvent", (401, 401, 403, 403, 403, 401)),  # patients' own scope
    # The ids are a doctor's: no such patient or appointment (404); no body (400). The
    # patient's app holds no Patient or Appointment scope (403).
    Row("GET", "/fhir/R4/Patient/<int:id>", _system(404), "?_id={id}"),
    Row("GET", "/fhir/R4/Patient", _system(), "?name=a"),
    Row("GET", "/fhir/R4/Appointment/<int:id>", _system(404)),
    Row("GET", "/fhir/R4/Appointment", _system(), "?actor={id}&date=ge2026-01-01"),
    Row("POST", "/fhir/R4/Appointment", _system(400)),
    Row("PUT", "/fhir/R4/Appointment/<int:id>", _system(400)),
    Row("GET", "/oauth2/authorize", (400,) * 6),  # names no app: answered, never redirected
    Row("POST", "/oauth2/token", (400,) * 6),  # no grant_type
    Row("POST", "/oauth2/revoke", (401,) * 6),  # no client authentication
    Row("GET", "/oauth2/jwks", (200,) * 6),  # the public key: no token needed
)


def _tokens(app: OpenAPI, client: ApiClient) -> dict[str, str | None]:
    system_app = register_app(app, scope=ALL)
    revoked = system_token(client, system_app, ALL)
    client.http.post("/oauth2/revoke", data={"token": revoked},
                     auth=(system_app.client_id, system_app.secret))  # fmt: skip
    user_app = register_app(app, grant_types=("authorization_code", "refresh_token"),
                            scope=PATIENT, public=True)  # fmt: skip
    patient = new_party(ApiClient(app))
    verifier, challenge = pkce_pair()
    code = authorization_code(patient, user_app, PATIENT, challenge)
    patient_token = token_request(client, user_app, grant_type="authorization_code", code=code,
                                  redirect_uri=REDIRECT_URI, code_verifier=verifier)  # fmt: skip
    return {
        "none": None,
        "garbage": "x" * 43,
        "system": system_token(client, system_app, ALL),
        "slot_only": system_token(client, system_app, "system/Slot.rs"),
        "patient_app": patient_token.get_json()["access_token"],
        "revoked": revoked,
    }


def test_every_bearer_route_is_in_the_matrix(app: OpenAPI) -> None:
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(("/fhir/", "/oauth2/"))
        for method in rule.methods or ()
        if method not in {"HEAD", "OPTIONS"}
    }
    assert routes == {(row.method, row.rule) for row in ROWS}


def test_bearer_matrix(app: OpenAPI) -> None:
    client = ApiClient(app)
    doctor = open_doctor(ApiClient(app))
    follow_up = doctor.client.call(
        "POST", "/api/visit-types", {"name": "Follow-up", "durationMinutes": 15}, status=201
    )
    tokens = _tokens(app, client)
    mismatches = []
    for row in ROWS:
        path = row.rule.replace("<int:id>", str(doctor.id)).replace(
            "<string:id>", f"{doctor.id}-{follow_up['id']}"
        ) + row.query.format(id=doctor.id)
        for name, expected in zip(TOKENS, row.expected, strict=True):
            token = tokens[name]
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            # The doctor's session cookie rides along: it must not count as a token.
            response = doctor.client.http.open(path, method=row.method, headers=headers)
            assert response.status_code < 500, (row, name)
            if response.status_code != expected:
                mismatches.append(f"{row.method} {path} as {name}: {response.status_code}, "
                                  f"expected {expected}")  # fmt: skip
            if response.status_code >= 400 and row.rule.startswith("/fhir/"):
                assert response.mimetype == "application/fhir+json", (row, name)
                OperationOutcome.model_validate_json(response.get_data())
    assert not mismatches, "\n".join(mismatches)
