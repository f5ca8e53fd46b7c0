"""Each appointment email carries exactly what its template needs, as of its event."""

from __future__ import annotations

from typing import Any

from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.db import transaction
from clinic360.outbox.enqueue import enqueue_email
from clinic360.outbox.models import EmailKind, OutboxEmail
from tests.factories import Party, at, booked, iso


def _payloads(app: OpenAPI) -> dict[str, Any]:
    with app.app_context(), transaction(write=False) as session:
        rows = session.execute(select(OutboxEmail.idempotency_key, OutboxEmail.params))
        return {key: params for key, params in rows}


def test_payload_is_the_doctor_the_times_and_the_visit_of_the_event(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    key = f"appointment:{created['id']}"
    doctor.client.put(f"/api/appointments/{created['id']}", json={"status": "confirmed"})
    moved = {"startTime": iso(at(14)), "endTime": iso(at(14, 30))}
    assert patient.client.put(f"/api/appointments/{created['id']}", json=moved).status_code == 200
    patient.client.put(f"/api/appointments/{created['id']}", json={"status": "cancelled"})

    def payload(start: int, sequence: int) -> dict[str, str]:
        return {
            "doctorId": str(doctor.id),
            "start": at(start).isoformat(),
            "end": at(start, 30).isoformat(),
            "sequence": str(sequence),
            "visitType": "Consultation",  # the doctor's default type; no address given
            "channel": "in_person",
        }

    assert _payloads(app) == {
        f"{key}:booked:patient": payload(9, 0),
        f"{key}:booked:doctor": payload(9, 0),
        f"{key}:confirmed:1:patient": payload(9, 1),
        f"{key}:rescheduled:2:patient": payload(14, 2),
        f"{key}:rescheduled:2:doctor": payload(14, 2),
        f"{key}:cancelled:patient": payload(14, 3),
        f"{key}:cancelled:doctor": payload(14, 3),
    }


def test_the_outbox_adds_nothing_to_what_a_domain_queues(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    created = booked(patient, doctor, at(9))
    with app.app_context(), transaction() as session:
        enqueue_email(
            session,
            kind=EmailKind.APPOINTMENT_CONFIRMED,
            recipient_id=patient.id,
            idempotency_key="test:bare",
            appointment_id=created["id"],
        )
    assert _payloads(app)["test:bare"] is None
