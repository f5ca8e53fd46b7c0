"""Time off over booked appointments is never silent: 409 listing them, then confirmed
cancellation with the time off, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.db import transaction
from clinic360.outbox.models import OutboxEmail
from tests.factories import Party, at, booked, day, iso, new_party, open_doctor
from tests.helpers import ApiClient, problem, rendered_outbox_email

SECRET_REASON = "persistent cough since march"


@pytest.fixture
def doctor(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return open_doctor(new_client(), fullName="Dr. Bob Jones")


@pytest.fixture
def patient(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return new_party(new_client(), "patient", fullName="Alice Smith")


def _time_off(offset: int = 7, last: int | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "date": day(offset).date().isoformat(),
        "startTime": "08:00",
        "endTime": "12:00",
        "isAvailable": False,
        **extra,
    }
    if last is not None:
        body["endDate"] = day(last).date().isoformat()
    return body


def _dated_entries(doctor: Party[ApiClient]) -> list[Any]:
    return [e for e in doctor.client.call("GET", "/api/schedule") if e["date"] is not None]


def _outbox(app: OpenAPI) -> dict[str, Any]:
    with app.app_context(), transaction(write=False) as session:
        rows = session.execute(select(OutboxEmail.idempotency_key, OutboxEmail.params))
        return {key: params for key, params in rows}


def test_time_off_over_appointments_lists_them_and_saves_nothing(
    app: OpenAPI, doctor: Party[ApiClient], patient: Party[ApiClient]
) -> None:
    hit = booked(patient, doctor, at(9, offset=7), reason=SECRET_REASON)
    later = booked(patient, doctor, at(9, offset=9))
    booked(patient, doctor, at(14, offset=7))  # the afternoon is not covered
    response = doctor.client.post("/api/schedule", json=_time_off(7, 9))
    body = problem(response, 409, "time_off_hits_appointments")
    assert body["appointments"] == [
        {
            "id": appointment["id"],
            "startTime": appointment["startTime"],
            "endTime": appointment["endTime"],
            "patientName": "Alice Smith",
        }
        for appointment in (hit, later)
    ]
    assert SECRET_REASON not in response.get_data(as_text=True)
    assert _dated_entries(doctor) == []
    assert patient.client.call("GET", f"/api/appointments/{hit['id']}")["status"] == "scheduled"
    # Confirming only some of them is not enough.
    partial = doctor.client.post(
        "/api/schedule", json=_time_off(7, 9, cancelAppointments=[hit["id"]])
    )
    problem(partial, 409, "time_off_hits_appointments")
    problem(
        doctor.client.post("/api/schedule", json=_time_off(7, 9, cancelAppointments=False)),
        409,
        "time_off_hits_appointments",
    )
    assert _dated_entries(doctor) == []


def test_confirmed_time_off_cancels_and_emails_in_one_go(
    app: OpenAPI, doctor: Party[ApiClient], patient: Party[ApiClient]
) -> None:
    first = booked(patient, doctor, at(9, offset=7), reason=SECRET_REASON)
    second = booked(patient, doctor, at(10, offset=8))
    body = _time_off(
        7, 8, cancelAppointments=True, cancellationMessage="Sorry, I am away. Please rebook."
    )
    entry = doctor.client.call("POST", "/api/schedule", body, status=201)
    assert (entry["date"], entry["isAvailable"]) == (day(7).date().isoformat(), False)
    outbox = _outbox(app)
    for appointment in (first, second):
        seen = patient.client.call("GET", f"/api/appointments/{appointment['id']}")
        assert seen["status"] == "cancelled"
        assert seen["cancellationMessage"] == "Sorry, I am away. Please rebook."
        params = outbox[f"appointment:{appointment['id']}:cancelled:patient"]
        assert params["message"] == "Sorry, I am away. Please rebook."
        assert SECRET_REASON not in str(params)
    # The freed morning is closed now: no slot, no booking.
    slots = patient.client.call(
        "GET", f"/api/doctors/{doctor.id}/slots?from={day(7).date()}&to={day(7).date()}"
    )
    assert all(slot["startTime"] >= iso(at(12, offset=7)) for slot in slots)


def test_a_list_of_every_hit_id_confirms_too(
    doctor: Party[ApiClient], patient: Party[ApiClient]
) -> None:
    hit = booked(patient, doctor, at(9, offset=7))
    body = _time_off(7, cancelAppointments=[hit["id"]])
    doctor.client.call("POST", "/api/schedule", body, status=201)
    assert patient.client.call("GET", f"/api/appointments/{hit['id']}")["status"] == "cancelled"


def test_time_off_that_misses_appointments_needs_no_confirmation(
    doctor: Party[ApiClient], patient: Party[ApiClient]
) -> None:
    kept = booked(patient, doctor, at(13, offset=7))
    doctor.client.call("POST", "/api/schedule", _time_off(7), status=201)
    assert patient.client.call("GET", f"/api/appointments/{kept['id']}")["status"] == "scheduled"


def test_moving_time_off_onto_an_appointment_asks_too(
    doctor: Party[ApiClient], patient: Party[ApiClient]
) -> None:
    entry = doctor.client.call("POST", "/api/schedule", _time_off(7), status=201)
    hit = booked(patient, doctor, at(9, offset=8))
    moved = doctor.client.put(f"/api/schedule/{entry['id']}", json=_time_off(8))
    body = problem(moved, 409, "time_off_hits_appointments")
    assert [a["id"] for a in body["appointments"]] == [hit["id"]]


def test_a_message_needs_cancel_appointments(doctor: Party[ApiClient]) -> None:
    response = doctor.client.post("/api/schedule", json=_time_off(7, cancellationMessage="x"))
    problem(response, 422, "validation_error")


def test_the_cancellation_email_offers_free_times_outside_the_time_off(
    app: OpenAPI, doctor: Party[ApiClient], patient: Party[ApiClient]
) -> None:
    hit = booked(patient, doctor, at(9, offset=7), reason=SECRET_REASON)
    doctor.client.call("POST", "/api/schedule", _time_off(7, cancelAppointments=True), status=201)
    with app.app_context(), transaction(write=False) as session:
        row_id, params = session.execute(
            select(OutboxEmail.id, OutboxEmail.params).where(
                OutboxEmail.idempotency_key == f"appointment:{hit['id']}:cancelled:patient"
            )
        ).one()
    offered = [
        (datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"]))
        for item in json.loads(params["alternatives"])
    ]
    assert len(offered) == 3
    assert set(json.loads(params["alternatives"])[0]) == {"start", "end"}  # instants only
    time_off = (at(8, offset=7), at(12, offset=7))
    assert not any(start < time_off[1] and end > time_off[0] for start, end in offered)
    # Each is a free slot of that doctor (the default type, as the cancelled visit).
    week = patient.client.call(
        "GET", f"/api/doctors/{doctor.id}/slots?from={day(6).date()}&to={day(8).date()}"
    )
    assert {iso(start) for start, _ in offered} <= {slot["startTime"] for slot in week}

    email = rendered_outbox_email(app, row_id)
    zone = ZoneInfo(patient.user["timezone"])
    for start, end in offered:
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        line = f"{local_start:%H:%M} – {local_end:%H:%M}"
        assert line in email["text/plain"] and line in email["text/html"]
    assert "Pick another time" in email["text/plain"]
    assert f"/doctors/{doctor.id}" in email["text/plain"]
    assert SECRET_REASON not in str(email)
