"""PUT /api/appointments/:id: the transition table and reschedules, on both databases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask_openapi3 import OpenAPI

from tests.appointments.helpers import move_into_past, outbox_keys, sql
from tests.factories import Party, at, book, booked, iso


def put(party: Party, appointment: dict[str, Any], **body: Any) -> Any:
    return party.client.put(f"/api/appointments/{appointment['id']}", json=body)


def sequence_of(app: OpenAPI, appointment: dict[str, Any]) -> int:
    [(sequence,)] = sql(app, "SELECT sequence FROM appointments WHERE id = :i", i=appointment["id"])
    return int(sequence)


def test_doctor_confirms_and_the_patient_is_emailed(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    appointment = booked(patient, doctor, at(9))
    response = put(doctor, appointment, status="confirmed")
    assert response.status_code == 200 and response.get_json()["status"] == "confirmed"
    assert sequence_of(app, appointment) == 1
    assert outbox_keys(app)[-1] == f"appointment:{appointment['id']}:confirmed:1:patient"
    again = put(doctor, appointment, status="confirmed")
    assert again.status_code == 409 and again.get_json()["code"] == "invalid_transition"


@pytest.mark.parametrize("status", ["confirmed", "completed", "no_show"])
def test_a_patient_may_never_set_doctor_statuses(
    app: OpenAPI, patient: Party, doctor: Party, status: str
) -> None:
    appointment = booked(patient, doctor, at(9))
    move_into_past(app, appointment["id"])
    response = put(patient, appointment, status=status)
    assert response.status_code == 403 and response.get_json()["code"] == "forbidden"
    assert sql(app, "SELECT status, sequence FROM appointments") == [("scheduled", 0)]


@pytest.mark.parametrize("actor", ["patient", "doctor"])
def test_cancel_before_the_start_emails_both_sides(
    app: OpenAPI, patient: Party, doctor: Party, actor: str
) -> None:
    appointment = booked(patient, doctor, at(9))
    party = patient if actor == "patient" else doctor
    response = put(party, appointment, status="cancelled")
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"
    keys = outbox_keys(app)
    assert f"appointment:{appointment['id']}:cancelled:patient" in keys
    assert f"appointment:{appointment['id']}:cancelled:doctor" in keys
    repeat = put(party, appointment, status="cancelled")
    assert repeat.status_code == 409 and repeat.get_json()["code"] == "invalid_transition"
    assert len(outbox_keys(app)) == 4


def test_a_confirmed_appointment_can_be_cancelled(patient: Party, doctor: Party) -> None:
    appointment = booked(patient, doctor, at(9))
    assert put(doctor, appointment, status="confirmed").status_code == 200
    assert put(patient, appointment, status="cancelled").status_code == 200


def test_the_patient_cannot_cancel_after_the_start(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    appointment = booked(patient, doctor, at(9))
    move_into_past(app, appointment["id"])
    response = put(patient, appointment, status="cancelled")
    assert response.status_code == 409 and response.get_json()["code"] == "invalid_transition"
    assert put(doctor, appointment, status="cancelled").status_code == 200


@pytest.mark.parametrize("status", ["completed", "no_show"])
def test_completed_and_no_show_only_after_the_start(
    app: OpenAPI, patient: Party, doctor: Party, status: str
) -> None:
    appointment = booked(patient, doctor, at(9))
    early = put(doctor, appointment, status=status)
    assert early.status_code == 409 and early.get_json()["code"] == "invalid_transition"
    move_into_past(app, appointment["id"])
    done = put(doctor, appointment, status=status)
    assert done.status_code == 200 and done.get_json()["status"] == status
    for later in ("cancelled", "confirmed", "completed", "no_show"):
        assert put(doctor, appointment, status=later).status_code == 409
    assert sequence_of(app, appointment) == 1


def test_scheduled_without_new_times_is_not_a_transition(patient: Party, doctor: Party) -> None:
    appointment = booked(patient, doctor, at(9))
    put(doctor, appointment, status="confirmed")
    for party in (patient, doctor):
        response = put(party, appointment, status="scheduled")
        assert response.status_code == 409 and response.get_json()["code"] == "invalid_transition"


@pytest.mark.parametrize("actor", ["patient", "doctor"])
def test_reschedule_moves_the_appointment(
    app: OpenAPI, patient: Party, doctor: Party, actor: str
) -> None:
    appointment = booked(patient, doctor, at(9))
    put(doctor, appointment, status="confirmed")
    party = patient if actor == "patient" else doctor
    response = put(party, appointment, startTime=iso(at(11)), endTime=iso(at(11, 30)))
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "scheduled"
    assert (body["startTime"], body["endTime"]) == (iso(at(11)), iso(at(11, 30)))
    assert sequence_of(app, appointment) == 2
    keys = outbox_keys(app)
    assert f"appointment:{appointment['id']}:rescheduled:2:patient" in keys
    assert f"appointment:{appointment['id']}:rescheduled:2:doctor" in keys
    # Scheduled again, it is confirmed again, and the patient gets a second confirmation.
    confirmed = put(doctor, appointment, status="confirmed")
    assert confirmed.status_code == 200, confirmed.get_data(as_text=True)
    assert outbox_keys(app)[-1] == f"appointment:{appointment['id']}:confirmed:3:patient"


def test_reschedule_may_overlap_the_old_time_of_itself(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    appointment = booked(patient, doctor, at(9))
    response = put(doctor, appointment, status="scheduled", startTime=iso(at(9, 15)),
                   endTime=iso(at(9, 45)))  # fmt: skip
    assert response.status_code == 200


def test_a_patient_reschedules_only_onto_the_doctors_slots(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    """Security review #23 F-3: the grid rule of booking; the doctor may move it anywhere open."""
    appointment = booked(patient, doctor, at(9))
    off_grid = put(patient, appointment, startTime=iso(at(11, 15)), endTime=iso(at(11, 45)))
    assert off_grid.status_code == 422 and off_grid.get_json()["code"] == "not_a_slot"
    assert put(doctor, appointment, startTime=iso(at(11, 15)),
               endTime=iso(at(11, 45))).status_code == 200  # fmt: skip


def test_reschedule_into_a_taken_slot_is_slot_taken(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    booked(other_patient, doctor, at(11))
    appointment = booked(patient, doctor, at(9))
    response = put(patient, appointment, startTime=iso(at(11)), endTime=iso(at(11, 30)))
    assert response.status_code == 409 and response.get_json()["code"] == "slot_taken"
    assert "alternatives" in response.get_json()
    rows = sql(app, "SELECT start_time, sequence FROM appointments WHERE id = :i",
               i=appointment["id"])  # fmt: skip
    assert rows[0][1] == 0


def test_reschedule_follows_the_booking_rules(patient: Party, doctor: Party) -> None:
    appointment = booked(patient, doctor, at(9))
    past = put(
        patient, appointment, startTime=iso(at(9, offset=-2)), endTime=iso(at(10, offset=-2))
    )
    assert past.status_code == 422 and past.get_json()["code"] == "in_past"
    long = put(patient, appointment, startTime=iso(at(9)), endTime=iso(at(14)))
    assert long.status_code == 422 and "endTime" in long.get_json()["errors"]
    half = put(patient, appointment, startTime=iso(at(10)))
    assert half.status_code == 422
    mixed = put(doctor, appointment, status="confirmed", startTime=iso(at(10)),
                endTime=iso(at(10, 30)))  # fmt: skip
    assert mixed.status_code == 422
    empty = put(patient, appointment)
    assert empty.status_code == 422


def test_reschedule_outside_open_hours_is_outside_availability(
    patient: Party, doctor: Party
) -> None:
    appointment = booked(patient, doctor, at(9))
    moved = put(patient, appointment, startTime=iso(at(19)), endTime=iso(at(19, 30)))
    assert moved.status_code == 422 and moved.get_json()["code"] == "outside_availability"


def test_cancelled_or_finished_appointments_are_not_rescheduled(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    appointment = booked(patient, doctor, at(9))
    put(patient, appointment, status="cancelled")
    moved = put(patient, appointment, startTime=iso(at(12)), endTime=iso(at(12, 30)))
    assert moved.status_code == 409 and moved.get_json()["code"] == "invalid_transition"
    started = booked(patient, doctor, at(10))
    move_into_past(app, started["id"])
    late = put(patient, started, startTime=iso(at(12)), endTime=iso(at(12, 30)))
    assert late.status_code == 409 and late.get_json()["code"] == "invalid_transition"


def test_the_patient_edits_the_reason_the_doctor_cannot(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    appointment = booked(patient, doctor, at(9))
    edited = put(patient, appointment, status="scheduled", reason="Follow-up")
    assert edited.status_code == 200 and edited.get_json()["reason"] == "Follow-up"
    by_doctor = put(doctor, appointment, status="scheduled", reason="Changed")
    assert by_doctor.status_code == 409
    assert sql(app, "SELECT reason FROM appointments") == [("Follow-up",)]


def test_another_doctor_cannot_touch_the_appointment(
    app: OpenAPI, patient: Party, doctor: Party, make_party: Callable[..., Party]
) -> None:
    appointment = booked(patient, doctor, at(9))
    stranger = make_party("doctor")
    for body in ({"status": "confirmed"}, {"status": "cancelled"}):
        response = stranger.client.put(f"/api/appointments/{appointment['id']}", json=body)
        assert response.status_code == 404
    assert sql(app, "SELECT status FROM appointments") == [("scheduled",)]
    assert len(outbox_keys(app)) == 2


def test_booking_again_after_a_failed_reschedule_still_works(
    patient: Party, other_patient: Party, doctor: Party
) -> None:
    first = booked(patient, doctor, at(9))
    booked(other_patient, doctor, at(10))
    assert put(patient, first, startTime=iso(at(10)), endTime=iso(at(10, 30))).status_code == 409
    assert book(patient, doctor, at(13)).status_code == 201
