"""Generated search parameters against every `/fhir/R4` search and read: never a server
error, and every refusal an OperationOutcome (schemathesis covers /api through the OpenAPI
document; the FHIR routes are described by the CapabilityStatement instead)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from flask_openapi3 import OpenAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import open_doctor, register_app, system_token
from tests.helpers import ApiClient

PARAMS = ("name", "_id", "_count", "_offset", "schedule", "start", "status", "actor", "x",
          "birthdate", "patient", "practitioner", "date", "specialty")  # fmt: skip
PREFIXES = ("", "ge", "gt", "le", "lt", "eq", "ne", "Schedule/", "Practitioner/", "Patient/",
            "x|")  # fmt: skip
RESOURCES = ("Practitioner", "Schedule", "Slot", "Patient", "Appointment", "PractitionerRole")
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(-(2**40), 2**40).map(str),
    st.datetimes().map(lambda d: d.isoformat()),
    st.dates().map(str),
)


@pytest.mark.slow
def test_fhir_search_never_fails(sqlite_app: OpenAPI) -> None:
    client = ApiClient(sqlite_app)
    doctor = open_doctor(ApiClient(sqlite_app))
    token = system_token(
        client,
        register_app(sqlite_app, scope=" ".join(f"system/{kind}.rs" for kind in RESOURCES)),
        " ".join(f"system/{kind}.rs" for kind in RESOURCES),
    )
    headers = {"Authorization": f"Bearer {token}"}

    @settings(max_examples=100, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(
        resource=st.sampled_from(RESOURCES),
        params=st.lists(
            st.tuples(st.sampled_from(PARAMS), st.sampled_from(PREFIXES), VALUES), max_size=4
        ),
        read=st.booleans(),
    )
    def run(resource: str, params: list[tuple[str, str, str]], read: bool) -> None:
        query = "&".join(
            f"{name}={quote(prefix + value, safe='')}" for name, prefix, value in params
        )
        if read:
            path = f"/fhir/R4/{resource}/{doctor.id}?{query}"
        else:
            path = f"/fhir/R4/{resource}?schedule={doctor.id}&actor={doctor.id}&{query}"
        response = client.http.get(path, headers=headers)
        assert response.status_code < 500, (path, response.get_data(as_text=True))
        assert response.mimetype == "application/fhir+json", path
        if response.status_code >= 400:
            assert response.status_code in (400, 404, 422), path
            OperationOutcome.model_validate_json(response.get_data())
        elif not read:
            Bundle.model_validate_json(response.get_data())

    run()
