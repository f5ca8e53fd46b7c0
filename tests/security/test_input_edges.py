"""Review #23 F-6: text and instants that used to give 500 give 422 problem+json.

A lone UTF-16 surrogate (`"\\ud800"` in JSON) cannot be stored or encoded (PostgreSQL,
argon2, emails); private-use and unassigned code points have no meaning in a clinic's
text. The body guard refuses them once, for every field of every body. Out-of-range
instants (`0001-01-01`, `9999-12-31T23:59:59-14:00`) overflowed date arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from werkzeug.test import TestResponse

from tests.factories import register, registration_body
from tests.helpers import ApiClient

LONE_SURROGATE = "\ud800"
PRIVATE_USE = "\ue000"
UNASSIGNED = "\u0378"
BAD_TEXT = [LONE_SURROGATE, PRIVATE_USE, UNASSIGNED, "\U0010fffe"]


def _is_422_problem(response: TestResponse, field: str | None = None) -> None:
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["code"] == "validation_error"
    if field is not None:
        assert field in body["errors"], body


@pytest.mark.parametrize("bad", BAD_TEXT)
def test_bad_code_points_in_any_body_field_are_422(
    client: ApiClient, new_client: Callable[[], ApiClient], bad: str
) -> None:
    body = registration_body(fullName=f"Ann{bad}")
    _is_422_problem(new_client().post("/api/register", json=body), "fullName")
    login = {"username": f"ann{bad}", "password": f"long enough {bad}"}
    _is_422_problem(new_client().post("/api/login", json=login), "username")
    _is_422_problem(
        new_client().post("/api/login", json={"username": "ann", "password": f"pass{bad}word"}),
        "password",
    )
    register(client)
    _is_422_problem(client.put("/api/user", json={"fullName": f"x{bad}"}), "fullName")
    booking = {"doctorId": 1, "startTime": "2031-01-01T09:00:00Z", "reason": f"r{bad}"}
    _is_422_problem(client.post("/api/appointments", json=booking), "reason")
    nested = {"reason": {"deeper": [f"r{bad}"]}}
    _is_422_problem(client.post("/api/appointments", json=nested), "reason.deeper.0")


def test_ordinary_unicode_is_accepted(client: ApiClient) -> None:
    user = register(client, fullName="Zoë Ångström-Łukasz 李小龍 🩺")
    assert user["fullName"] == "Zoë Ångström-Łukasz 李小龍 🩺"


@pytest.mark.parametrize(
    "instant",
    [
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+14:00",
    ],
)
@pytest.mark.parametrize("parameter", ["from", "to"])
def test_out_of_range_instants_in_appointment_queries_are_422(
    client: ApiClient, instant: str, parameter: str
) -> None:
    register(client)
    response = client.get("/api/appointments", query_string={parameter: instant})
    _is_422_problem(response, parameter)
