"""`Prefer: handling` on every search (FHIR R4 search §3.1.1.3.1): unknown parameters are
ignored by default (lenient) and left out of the Bundle's links; with
`Prefer: handling=strict` the search answers 400, an OperationOutcome `not-supported`
naming them, before anything is read or logged. `_count` and `_offset` are always known
(SQLite and PostgreSQL)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from clinic360.audit.models import AccessEvent
from clinic360.core.db import transaction
from tests.factories import at, booked, new_party, open_doctor, register_app, system_token
from tests.helpers import ApiClient

FHIR_JSON = "application/fhir+json"
KINDS = ("Practitioner", "PractitionerRole", "Schedule", "Slot", "Patient", "Appointment")
SCOPE = " ".join(f"system/{kind}.rs" for kind in KINDS)
UNKNOWN = "&bogus=1&name:exact=x&_sort=start"


def _search(client: ApiClient, token: str, path: str, prefer: str | None = None) -> TestResponse:
    headers = {"Authorization": f"Bearer {token}"}
    if prefer is not None:
        headers["Prefer"] = prefer
    return client.http.get(path, headers=headers)


def _bundle(response: TestResponse) -> Bundle:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == FHIR_JSON
    return Bundle.model_validate_json(response.get_data())


def _logged(app: OpenAPI, patient_id: int) -> int:
    with app.app_context(), transaction(write=False) as session:
        count = select(func.count(AccessEvent.id)).where(AccessEvent.patient_id == patient_id)
        return session.scalar(count) or 0


def test_unknown_parameters_lenient_by_default_strict_when_asked(app: OpenAPI) -> None:
    doctor = open_doctor(ApiClient(app))
    patient = new_party(ApiClient(app))
    booked(patient, doctor, at(10))
    client = ApiClient(app)
    token = system_token(client, register_app(app, scope=SCOPE), SCOPE)
    known = {
        "Slot": f"schedule=Schedule/{doctor.id}&status=free",
        "Appointment": f"patient=Patient/{patient.id}",
        "Patient": f"_id={patient.id}",
        "Schedule": f"actor=Practitioner/{doctor.id}",
        "Practitioner": f"_id={doctor.id}",
        "PractitionerRole": f"practitioner={doctor.id}",
    }
    for kind, query in known.items():
        base = f"/fhir/R4/{kind}?{query}&_count=1&_offset=0"
        plain = _bundle(_search(client, token, base))
        assert plain.total and plain.total >= 1, kind
        # Lenient (default, or asked for): the same answer; the links name only what was used.
        for prefer in (None, "handling=lenient", "return=representation"):
            bundle = _bundle(_search(client, token, base + UNKNOWN, prefer))
            assert bundle.total == plain.total, (kind, prefer)
            assert [e.resource.id for e in bundle.entry] == [e.resource.id for e in plain.entry]
            links = {link.relation: link.url for link in bundle.link}
            used = dict(parse_qsl(urlsplit(links["self"]).query))
            assert used == {**dict(parse_qsl(query)), "_count": "1", "_offset": "0"}, kind
            if "next" in links:
                assert {*dict(parse_qsl(urlsplit(links["next"]).query))} == {*used}, kind
        # Strict: known parameters (paging included) still answer.
        strict = _search(client, token, base, "handling=strict")
        assert _bundle(strict).total == plain.total, kind
        # Strict with unknown ones: 400 not-supported naming each, with a stable code.
        logged = _logged(app, patient.id)
        for prefer in ("handling=strict", "return=minimal, handling=strict",
                       'HANDLING="strict"; x=1'):  # fmt: skip
            response = _search(client, token, base + UNKNOWN, prefer)
            assert response.status_code == 400, (kind, prefer)
            assert response.mimetype == FHIR_JSON
            issue = OperationOutcome.model_validate_json(response.get_data()).issue[0]
            assert issue.code == "not-supported"
            assert issue.details is not None and issue.details.text == "unknown_search_parameter"
            assert issue.diagnostics is not None
            for name in ("bogus", "name:exact", "_sort"):
                assert name in issue.diagnostics, (kind, issue.diagnostics)
            assert kind in issue.diagnostics
        assert _logged(app, patient.id) == logged, kind  # refused before anything was read
    # A malformed known parameter stays 400 `invalid` either way.
    for prefer in (None, "handling=strict"):
        response = _search(client, token, "/fhir/R4/Slot?schedule=Patient/1", prefer)
        issue = OperationOutcome.model_validate_json(response.get_data()).issue[0]
        assert (response.status_code, issue.code) == (400, "invalid")
    # The token is checked first: no token, strict, unknown parameter → 401.
    response = client.http.get("/fhir/R4/Slot?bogus=1", headers={"Prefer": "handling=strict"})
    assert response.status_code == 401


def test_the_capability_statement_declares_it(client: ApiClient) -> None:
    statement = CapabilityStatement.model_validate_json(
        client.http.get("/fhir/R4/metadata").get_data()
    )
    rest = statement.rest[0]
    assert rest.documentation is not None and "handling=strict" in rest.documentation
    for resource in rest.resource:
        names = {p.name for p in resource.searchParam or []}
        assert {"_count", "_offset"} <= names, resource.type
    schedule = next(r for r in rest.resource if r.type == "Schedule")
    assert {p.name for p in schedule.searchParam} >= {"actor", "_id", "service-type"}
