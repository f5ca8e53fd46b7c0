"""Issue #24 item 5: a repeated booking with the same `Idempotency-Key` gets the first answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_openapi3 import OpenAPI
from sqlalchemy import update

from clinic360.appointments.models import BookingKey
from clinic360.core.db import db
from tests.appointments.helpers import outbox_keys, sql
from tests.factories import Party, at, slot_body

KEY = {"Idempotency-Key": "confirm-4f1c2a"}


def test_a_repeat_with_the_same_key_returns_the_first_booking(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    body = slot_body(doctor, at(9), reason="Knee")
    first = patient.client.post("/api/appointments", json=body, headers=KEY)
    again = patient.client.post("/api/appointments", json=body, headers=KEY)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert sql(app, "SELECT count(*) FROM appointments") == [(1,)]
    assert len(outbox_keys(app)) == 2  # one booking: the patient's and the doctor's email
    without_key = patient.client.post("/api/appointments", json=body)
    assert without_key.status_code == 409 and without_key.get_json()["code"] == "slot_taken"


def test_the_same_key_with_another_body_is_422(patient: Party, doctor: Party) -> None:
    first = patient.client.post("/api/appointments", json=slot_body(doctor, at(9)), headers=KEY)
    assert first.status_code == 201
    other = patient.client.post("/api/appointments", json=slot_body(doctor, at(10)), headers=KEY)
    assert other.status_code == 422 and other.get_json()["code"] == "idempotency_key_reused"


def test_keys_are_per_patient(patient: Party, other_patient: Party, doctor: Party) -> None:
    first = patient.client.post("/api/appointments", json=slot_body(doctor, at(9)), headers=KEY)
    assert first.status_code == 201
    theirs = other_patient.client.post("/api/appointments", json=slot_body(doctor, at(9)),
                                       headers=KEY)  # fmt: skip
    assert theirs.status_code == 409 and theirs.get_json()["code"] == "slot_taken"


def test_a_key_is_remembered_for_the_window_only(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    body = slot_body(doctor, at(9))
    assert patient.client.post("/api/appointments", json=body, headers=KEY).status_code == 201
    hours = app.config["IDEMPOTENCY_KEY_HOURS"]
    with app.app_context():  # the key's booking was made a window and a minute ago
        then = datetime.now(UTC) - timedelta(hours=hours, minutes=1)
        db.session.execute(update(BookingKey).values(created_at=then))
        db.session.commit()
    late = patient.client.post("/api/appointments", json=body, headers=KEY)
    assert late.status_code == 409 and late.get_json()["code"] == "slot_taken"
    reused = patient.client.post("/api/appointments", json=slot_body(doctor, at(10)), headers=KEY)
    assert reused.status_code == 201


def test_a_malformed_key_is_422(patient: Party, doctor: Party) -> None:
    response = patient.client.post(
        "/api/appointments", json=slot_body(doctor, at(9)), headers={"Idempotency-Key": "x" * 129}
    )
    assert response.status_code == 422
