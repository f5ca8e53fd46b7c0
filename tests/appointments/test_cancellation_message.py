"""#24 item 12: a doctor's optional message to the patient when cancelling."""

from __future__ import annotations

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.db import transaction
from clinic360.outbox.models import OutboxEmail
from tests.factories import Party, at, booked
from tests.helpers import captured_logs, rendered_outbox_email

MESSAGE = "I am ill that day, sorry.\nPlease book <b>any</b> other time & bring your scans."


def _cancellation_rows(app: OpenAPI, appointment_id: int) -> dict[str, OutboxEmail]:
    with app.app_context(), transaction(write=False) as session:
        rows = session.scalars(
            select(OutboxEmail).where(
                OutboxEmail.appointment_id == appointment_id,
                OutboxEmail.kind == "appointment_cancelled",
            )
        )
        return {row.idempotency_key.rsplit(":", 1)[-1]: row for row in rows}


def test_the_message_is_stored_and_emailed_to_the_patient_escaped(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    with captured_logs() as lines:
        cancelled = doctor.client.call(
            "PUT",
            f"/api/appointments/{created['id']}",
            {"status": "cancelled", "cancellationMessage": MESSAGE},
        )
    assert cancelled["status"] == "cancelled" and cancelled["cancellationMessage"] == MESSAGE
    seen = patient.client.call("GET", f"/api/appointments/{created['id']}")
    assert seen["cancellationMessage"] == MESSAGE
    assert not any("ill that day" in line for line in lines)

    rows = _cancellation_rows(app, created["id"])
    patient_email = rendered_outbox_email(app, rows["patient"].id)
    assert "I am ill that day, sorry." in patient_email["text/plain"]
    assert "Please book <b>any</b> other time & bring your scans." in patient_email["text/plain"]
    html = patient_email["text/html"]
    assert "Please book &lt;b&gt;any&lt;/b&gt; other time &amp; bring your scans." in html
    assert "<b>any</b>" not in html
    assert "ill that day" not in patient_email["subject"]
    doctor_email = rendered_outbox_email(app, rows["doctor"].id)
    assert "ill that day" not in doctor_email["text/plain"]


def test_without_a_message_nothing_is_added(app: OpenAPI, patient: Party, doctor: Party) -> None:
    created = booked(patient, doctor, at(10))
    cancelled = doctor.client.call(
        "PUT", f"/api/appointments/{created['id']}", {"status": "cancelled"}
    )
    assert cancelled["cancellationMessage"] is None
    rows = _cancellation_rows(app, created["id"])
    assert "message" not in (rows["patient"].params or {})
    assert "Message from" not in rendered_outbox_email(app, rows["patient"].id)["text/plain"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "cancelled", "cancellationMessage": "bad\x00byte"}, "cancellationMessage"),
        ({"status": "cancelled", "cancellationMessage": "bell\x07"}, "cancellationMessage"),
        ({"status": "cancelled", "cancellationMessage": "x" * 501}, "cancellationMessage"),
        ({"status": "confirmed", "cancellationMessage": "hello"}, None),
    ],
)
def test_refused_messages(
    patient: Party, doctor: Party, body: dict[str, str], field: str | None
) -> None:
    created = booked(patient, doctor, at(11))
    response = doctor.client.put(f"/api/appointments/{created['id']}", json=body)
    assert response.status_code == 422
    if field is not None:
        assert field in response.get_json()["errors"]
    assert patient.client.call("GET", f"/api/appointments/{created['id']}")["status"] != "cancelled"


def test_a_patient_cannot_send_one(patient: Party, doctor: Party) -> None:
    created = booked(patient, doctor, at(12))
    body = {"status": "cancelled", "cancellationMessage": "bye"}
    response = patient.client.put(f"/api/appointments/{created['id']}", json=body)
    assert response.status_code == 422
    assert "cancellationMessage" in response.get_json()["errors"]
