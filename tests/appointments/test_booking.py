"""POST /api/appointments: the booking rules, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask_openapi3 import OpenAPI

from tests.appointments.helpers import outbox_keys, overlapping_pairs, sql
from tests.factories import Party, at, book, booked, iso, slot_body
from tests.helpers import ApiClient, problem


def test_patient_books_a_slot(app: OpenAPI, patient: Party, doctor: Party) -> None:
    response = book(patient, doctor, at(9), reason="Chest pain on exertion")
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "scheduled"
    assert body["patientId"] == patient.id and body["doctorId"] == doctor.id
    assert body["startTime"] == iso(at(9)) and body["endTime"] == iso(at(9, 30))
    assert body["reason"] == "Chest pain on exertion"
    assert body["patient"] == {"id": patient.id, "fullName": "Alice Smith"}
    assert body["doctor"] == {
        "id": doctor.id,
        "fullName": "Dr. Bob Jones",
        "specialization": "Cardiology",
        "timezone": "UTC",
        "address": None,
    }
    assert body["videoLink"] is None  # an in-person visit (test_video_visits.py)
    assert body["createdAt"].endswith("Z") and body["updatedAt"].endswith("Z")
    assert outbox_keys(app) == [
        f"appointment:{body['id']}:booked:patient",
        f"appointment:{body['id']}:booked:doctor",
    ]


def test_any_offset_is_accepted_and_answered_in_utc(patient: Party, doctor: Party) -> None:
    start = at(9).astimezone().replace(microsecond=0)
    local = start.isoformat()
    body = {**slot_body(doctor, at(9)), "startTime": local}
    response = patient.client.post("/api/appointments", json=body)
    assert response.status_code == 201
    assert response.get_json()["startTime"] == iso(at(9))


def test_server_owned_fields_are_ignored(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    body = slot_body(
        doctor,
        at(9),
        status="confirmed",
        id=999,
        createdAt="2000-01-01T00:00:00Z",
        sequence=42,
    )
    # `patientId` is no longer ignored (family access, issue 22): naming a patient the
    # caller may not act for books nothing for anyone.
    refused = patient.client.post("/api/appointments", json={**body, "patientId": other_patient.id})
    problem(refused, 404, "not_found")
    assert sql(app, "SELECT id FROM appointments") == []
    created = patient.client.post("/api/appointments", json=body).get_json()
    assert created["status"] == "scheduled" and created["patientId"] == patient.id
    assert created["id"] != 999 and not created["createdAt"].startswith("2000")
    [(patient_id, status, sequence)] = sql(
        app, "SELECT patient_id, status, sequence FROM appointments"
    )
    assert (patient_id, status, sequence) == (patient.id, "scheduled", 0)


def test_only_patients_book(
    client: ApiClient, doctor: Party, make_party: Callable[..., Party]
) -> None:
    anonymous = client.post("/api/appointments", json=slot_body(doctor, at(9)))
    assert anonymous.status_code == 401
    other_doctor = make_party("doctor")
    forbidden = book(other_doctor, doctor, at(9))
    assert forbidden.status_code == 403 and forbidden.get_json()["code"] == "forbidden"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"startTime": "2030-12-01T09:00:00"}, "startTime"),
        ({"endTime": "not a time"}, "endTime"),
        ({"doctorId": 0}, "doctorId"),
        ({"reason": "x" * 501}, "reason"),
        ({"reason": "bad\x00byte"}, "reason"),
        ({"reason": "bell\x07"}, "reason"),
    ],
)
def test_malformed_bodies_are_422(
    patient: Party, doctor: Party, change: dict[str, object], field: str
) -> None:
    response = patient.client.post("/api/appointments", json={**slot_body(doctor, at(9)), **change})
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "validation_error" and field in body["errors"]


def test_a_reason_keeps_its_line_breaks(patient: Party, doctor: Party) -> None:
    response = book(patient, doctor, at(9), reason="Line one\nLine two\tand a tab")
    assert response.status_code == 201
    assert response.get_json()["reason"] == "Line one\nLine two\tand a tab"


@pytest.mark.parametrize(
    ("minutes", "status", "message"),
    [
        (0, 422, "must be after startTime"),
        (-30, 422, "must be after startTime"),
        (4 * 60 + 1, 422, "at most 4 hours"),
    ],
)
def test_interval_rules(
    patient: Party, doctor: Party, minutes: int, status: int, message: str | None
) -> None:
    response = book(patient, doctor, at(9), minutes)
    assert response.status_code == status
    if message:
        assert message in response.get_json()["errors"]["endTime"]


def test_start_in_the_past_is_in_past(patient: Party, doctor: Party) -> None:
    response = book(patient, doctor, at(9, offset=-1))
    assert response.status_code == 422
    assert response.get_json()["code"] == "in_past"
    assert "startTime" in response.get_json()["errors"]


def test_start_beyond_the_horizon_is_422(patient: Party, doctor: Party) -> None:
    response = book(patient, doctor, at(9, offset=400))
    assert response.status_code == 422 and "startTime" in response.get_json()["errors"]


def test_sub_second_times_are_422(patient: Party, doctor: Party) -> None:
    body = {**slot_body(doctor, at(9)), "startTime": iso(at(9)).replace("Z", ".5Z")}
    response = patient.client.post("/api/appointments", json=body)
    assert response.status_code == 422 and "startTime" in response.get_json()["errors"]


def test_unknown_or_unapproved_doctors_cannot_be_booked(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    for doctor_id in (doctor.id + 1000, other_patient.id):
        response = patient.client.post(
            "/api/appointments", json={**slot_body(doctor, at(9)), "doctorId": doctor_id}
        )
        assert response.status_code == 422 and "doctorId" in response.get_json()["errors"]
    sql(app, "UPDATE users SET approved = false WHERE id = :i", i=doctor.id)
    pending = book(patient, doctor, at(9))
    assert pending.status_code == 422 and "doctorId" in pending.get_json()["errors"]
    assert sql(app, "SELECT count(*) FROM appointments") == [(0,)]


def test_the_same_slot_cannot_be_booked_twice(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    booked(patient, doctor, at(9))
    taken = book(other_patient, doctor, at(9))
    assert taken.status_code == 409
    body = taken.get_json()
    assert body["code"] == "slot_taken" and isinstance(body["alternatives"], list)
    assert len(body["alternatives"]) <= 3
    assert all(alt["startTime"] != iso(at(9)) for alt in body["alternatives"])
    assert len(outbox_keys(app)) == 2


@pytest.mark.parametrize(
    ("hour", "minute", "minutes"),
    [(9, 15, 30), (8, 45, 30), (8, 30, 120), (9, 10, 5), (9, 29, 31), (9, 0, 240), (9, 0, 2)],
)
def test_only_the_doctors_slots_are_bookable(
    app: OpenAPI, patient: Party, doctor: Party, hour: int, minute: int, minutes: int
) -> None:
    """Security review #23 F-3: off the doctor's 30-minute grid (straddling slots, longer or
    shorter than a slot) is not bookable by a patient, even inside open hours."""
    response = book(patient, doctor, at(hour, minute), minutes)
    assert response.status_code == 422 and response.get_json()["code"] == "not_a_slot"
    assert sql(app, "SELECT count(*) FROM appointments") == [(0,)]


def test_a_longer_slot_length_makes_longer_slots(patient: Party, doctor: Party) -> None:
    doctor.client.call("PUT", "/api/user", {"slotMinutes": 240}, status=200)
    assert book(patient, doctor, at(8), 30).get_json()["code"] == "not_a_slot"
    assert book(patient, doctor, at(8), 240).status_code == 201


def test_upcoming_appointments_per_doctor_are_capped(
    app: OpenAPI, patient: Party, doctor: Party, make_party: Callable[..., Party]
) -> None:
    for hour in (9, 10, 11):
        booked(patient, doctor, at(hour))
    over = book(patient, doctor, at(12))
    assert over.status_code == 422
    assert over.get_json()["code"] == "doctor_appointment_limit_reached"
    other_doctor = make_party("doctor")
    assert book(patient, other_doctor, at(12)).status_code == 201


def test_bookings_per_account_are_rate_limited(app: OpenAPI, patient: Party, doctor: Party) -> None:
    app.config["BOOKINGS_PER_ACCOUNT_HOUR"] = 2
    first = booked(patient, doctor, at(9))
    patient.client.call("PUT", f"/api/appointments/{first['id']}", {"status": "cancelled"})
    booked(patient, doctor, at(10))
    over = book(patient, doctor, at(11))
    assert over.status_code == 429 and over.get_json()["code"] == "rate_limited"
    assert int(over.headers["Retry-After"]) > 0


def test_back_to_back_appointments_are_allowed(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    booked(patient, doctor, at(9))
    booked(other_patient, doctor, at(9, 30))
    booked(other_patient, doctor, at(8, 30))
    assert overlapping_pairs(app) == []


def test_a_patient_cannot_be_in_two_places(
    patient: Party, doctor: Party, make_party: Callable[..., Party]
) -> None:
    second_doctor = make_party("doctor", specialization="Dermatology", start="08:15")
    booked(patient, doctor, at(9))
    response = book(patient, second_doctor, at(9, 15))
    assert response.status_code == 409 and response.get_json()["code"] == "slot_taken"
    assert book(patient, second_doctor, at(9, 45)).status_code == 201


def test_cancelling_frees_the_slot_at_once(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    first = booked(patient, doctor, at(9))
    cancel = patient.client.put(f"/api/appointments/{first['id']}", json={"status": "cancelled"})
    assert cancel.status_code == 200
    again = book(other_patient, doctor, at(9))
    assert again.status_code == 201
    assert overlapping_pairs(app) == []


def test_upcoming_appointments_per_patient_are_capped(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    app.config["MAX_FUTURE_APPOINTMENTS_PER_PATIENT"] = 2
    first = booked(patient, doctor, at(9))
    booked(patient, doctor, at(10))
    over = book(patient, doctor, at(11))
    assert over.status_code == 422 and over.get_json()["code"] == "appointment_limit_reached"
    patient.client.put(f"/api/appointments/{first['id']}", json={"status": "cancelled"})
    assert book(patient, doctor, at(11)).status_code == 201


@pytest.mark.parametrize(
    ("hour", "minute", "minutes"),
    [(7, 30, 30), (7, 59, 2), (17, 45, 30), (18, 0, 30), (6, 0, 240)],
)
def test_outside_open_hours_is_outside_availability(
    app: OpenAPI, patient: Party, doctor: Party, hour: int, minute: int, minutes: int
) -> None:
    response = book(patient, doctor, at(hour, minute), minutes)
    assert response.status_code == 422
    assert response.get_json()["code"] == "outside_availability"
    assert sql(app, "SELECT count(*) FROM appointments") == [(0,)]


def test_time_off_closes_the_day(patient: Party, doctor: Party) -> None:
    closed = {
        "date": at(0).date().isoformat(),
        "startTime": "12:00",
        "endTime": "14:00",
        "isAvailable": False,
    }
    assert doctor.client.post("/api/schedule", json=closed).status_code == 201
    response = book(patient, doctor, at(13))
    assert response.status_code == 422 and response.get_json()["code"] == "outside_availability"
    assert book(patient, doctor, at(14)).status_code == 201


def test_slot_taken_offers_the_three_nearest_free_slots(
    patient: Party, other_patient: Party, doctor: Party
) -> None:
    booked(patient, doctor, at(10))
    booked(patient, doctor, at(10, 30))
    response = book(other_patient, doctor, at(10))
    alternatives = response.get_json()["alternatives"]
    assert [a["startTime"] for a in alternatives] == [iso(at(9)), iso(at(9, 30)), iso(at(11))]
    assert all(a["endTime"] for a in alternatives)
    # One click on an alternative books it.
    first = alternatives[0]
    again = other_patient.client.post(
        "/api/appointments",
        json={"doctorId": doctor.id, "startTime": first["startTime"], "endTime": first["endTime"]},
    )
    assert again.status_code == 201


def test_alternatives_skip_times_the_patient_is_busy(
    patient: Party, other_patient: Party, doctor: Party, make_party: Callable[..., Party]
) -> None:
    elsewhere = make_party("doctor")
    booked(other_patient, elsewhere, at(9, 30))
    booked(patient, doctor, at(10))
    response = book(other_patient, doctor, at(10))
    starts = [a["startTime"] for a in response.get_json()["alternatives"]]
    assert iso(at(9, 30)) not in starts and len(starts) == 3


def test_every_returned_slot_books_and_then_is_gone(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    """INP-04: each slot GET /slots returns can be booked; booked ones are no longer returned."""
    day = at(0).date().isoformat()
    path = f"/api/doctors/{doctor.id}/slots?from={day}&to={day}"
    slots = patient.client.get(path).get_json()
    assert len(slots) == 20  # 08:00–18:00 in 30-minute slots
    app.config["MAX_UPCOMING_APPOINTMENTS_PER_DOCTOR"] = 20
    for slot in slots:  # 20 bookings: exactly the default cap of upcoming appointments
        response = patient.client.post("/api/appointments", json={"doctorId": doctor.id, **slot})
        assert response.status_code == 201, slot
    assert patient.client.get(path).get_json() == []
