"""A patient's mobile number (validated, stored in E.164) and their SMS reminder choice."""

from __future__ import annotations

from flask_openapi3 import OpenAPI

from tests.factories import register
from tests.helpers import ApiClient, problem


def test_a_patient_adds_a_number_in_any_usual_form_and_gets_e164(client: ApiClient) -> None:
    user = register(client)
    assert user["mobilePhone"] is None and user["smsReminders"] is False
    for typed in ("+49 151 23456789", "0151 2345 6789", "+49-151-23456789", "(0151) 23456789"):
        saved = client.call("PUT", "/api/user", {"mobilePhone": typed})
        assert saved["mobilePhone"] == "+4915123456789", typed
    on = client.call("PUT", "/api/user", {"smsReminders": True})
    assert on["smsReminders"] is True and on["mobilePhone"] == "+4915123456789"
    assert client.call("GET", "/api/user")["smsReminders"] is True
    cleared = client.call("PUT", "/api/user", {"mobilePhone": ""})
    assert cleared["mobilePhone"] is None and cleared["smsReminders"] is False


def test_the_default_region_reads_national_numbers(app: OpenAPI, client: ApiClient) -> None:
    app.config["PHONE_DEFAULT_REGION"] = "GB"
    register(client)
    saved = client.call("PUT", "/api/user", {"mobilePhone": "07400 123456", "smsReminders": True})
    assert saved["mobilePhone"] == "+447400123456" and saved["smsReminders"] is True


def test_numbers_that_cannot_take_a_text_are_refused(client: ApiClient) -> None:
    register(client)
    for typed in ("12", "not a number", "+49 1512", "+1 555 0100 0000 0000", "+49 30 12345678"):
        body = problem(client.put("/api/user", json={"mobilePhone": typed}), 422, "invalid_phone")
        assert typed not in body["detail"]
    assert client.call("GET", "/api/user")["mobilePhone"] is None


def test_sms_needs_a_number_and_is_for_patients(client: ApiClient) -> None:
    register(client)
    body = problem(client.put("/api/user", json={"smsReminders": True}), 422, "validation_error")
    assert body["errors"] == {"smsReminders": "add a mobile number first"}
    doctor = client.another()
    register(doctor, "doctor")
    body = problem(
        doctor.put("/api/user", json={"mobilePhone": "+4915123456789"}), 422, "validation_error"
    )
    assert body["errors"] == {"mobilePhone": "only patients have this field"}
