"""The attendance record (no-shows, late cancellations) and NO_SHOW_POLICY (issue 18)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from flask_openapi3 import OpenAPI

from tests.appointments.helpers import _db_instant, outbox_keys, sql
from tests.factories import Party, at, book, booked, insert_appointment
from tests.helpers import ApiClient, problem

NOTHING = {"noShows": 0, "lateCancellations": 0, "windowDays": 365}
_past_days = itertools.count(1)


def _no_shows(app: OpenAPI, patient: Party[ApiClient], doctor: Party[ApiClient], n: int) -> None:
    """`n` past visits the doctor marks as no-shows through the API."""
    for _ in range(n):
        appointment = booked(patient, doctor, at(8, offset=3))
        _start_in(app, appointment["id"], -timedelta(days=next(_past_days)))
        marked = doctor.client.call(
            "PUT", f"/api/appointments/{appointment['id']}", {"status": "no_show"}
        )
        assert marked["status"] == "no_show"


def _start_in(app: OpenAPI, appointment_id: int, delta: timedelta) -> None:
    start = datetime.now(UTC).replace(microsecond=0) + delta
    sql(
        app,
        "UPDATE appointments SET start_time = :s, end_time = :e, blocked_start = :s, "
        "blocked_end = :e WHERE id = :i",
        s=_db_instant(app, start),
        e=_db_instant(app, start + timedelta(minutes=30)),
        i=appointment_id,
    )


def _attendance_on_agenda(doctor: Party[ApiClient], appointment_id: int) -> object:
    items = doctor.client.call("GET", "/api/appointments?limit=100")
    return next(item for item in items if item["id"] == appointment_id)["patientAttendance"]


def test_the_doctor_sees_no_shows_and_late_cancellations(
    app: OpenAPI, patient: Party[ApiClient], doctor: Party[ApiClient]
) -> None:
    _no_shows(app, patient, doctor, 2)
    late = booked(patient, doctor, at(9, offset=4))
    _start_in(app, late["id"], timedelta(hours=10))
    patient.client.call("PUT", f"/api/appointments/{late['id']}", {"status": "cancelled"})
    early = booked(patient, doctor, at(10, offset=4))
    _start_in(app, early["id"], timedelta(hours=30))
    patient.client.call("PUT", f"/api/appointments/{early['id']}", {"status": "cancelled"})
    by_doctor = booked(patient, doctor, at(11, offset=4))
    _start_in(app, by_doctor["id"], timedelta(hours=2))
    doctor.client.call("PUT", f"/api/appointments/{by_doctor['id']}", {"status": "cancelled"})
    long_ago = insert_appointment(
        app, patient.id, doctor.id, datetime.now(UTC) - timedelta(days=400), status="no_show"
    )
    upcoming = booked(patient, doctor, at(9))

    expected = {"noShows": 2, "lateCancellations": 1, "windowDays": 365}
    assert _attendance_on_agenda(doctor, upcoming["id"]) == expected
    assert _attendance_on_agenda(doctor, long_ago) == expected
    assert doctor.client.call("GET", f"/api/patients/{patient.id}")["attendance"] == expected
    mine = patient.client.call("GET", "/api/attendance")
    assert mine == {**expected, "policy": "off", "warn": False, "bookingNeedsConfirmation": False}
    assert (
        patient.client.call("GET", f"/api/appointments/{upcoming['id']}")["patientAttendance"]
        is None
    )

    app.config["ATTENDANCE_WINDOW_DAYS"] = 500
    assert _attendance_on_agenda(doctor, upcoming["id"])["noShows"] == 3  # type: ignore[index]


def test_only_doctors_with_the_patient_in_care_see_the_record(
    app: OpenAPI,
    patient: Party[ApiClient],
    doctor: Party[ApiClient],
    make_party: object,
) -> None:
    _no_shows(app, patient, doctor, 1)
    other = make_party("doctor")  # type: ignore[operator]
    visit = booked(patient, other, at(9))
    assert _attendance_on_agenda(other, visit["id"]) == {**NOTHING, "noShows": 1}
    other.client.call("PUT", f"/api/appointments/{visit['id']}", {"status": "cancelled"})
    assert _attendance_on_agenda(other, visit["id"]) is None  # no longer in their care
    problem(other.client.get(f"/api/patients/{patient.id}"), 404, "not_found")
    problem(doctor.client.get("/api/attendance"), 403, "forbidden")


def test_warn_tells_the_patient_their_record(
    app: OpenAPI, patient: Party[ApiClient], doctor: Party[ApiClient]
) -> None:
    app.config["NO_SHOW_POLICY"] = "warn"
    assert patient.client.call("GET", "/api/attendance")["warn"] is False
    _no_shows(app, patient, doctor, 1)
    mine = patient.client.call("GET", "/api/attendance")
    assert mine["warn"] is True and mine["noShows"] == 1
    assert mine["bookingNeedsConfirmation"] is False
    assert booked(patient, doctor, at(9))["status"] == "scheduled"


def test_confirm_over_the_limit_holds_the_slot_until_the_doctor_answers(
    app: OpenAPI,
    patient: Party[ApiClient],
    other_patient: Party[ApiClient],
    doctor: Party[ApiClient],
) -> None:
    app.config.update(NO_SHOW_POLICY="confirm", NO_SHOW_LIMIT=2)
    _no_shows(app, patient, doctor, 1)
    assert booked(patient, doctor, at(9))["status"] == "scheduled"  # under the limit
    _no_shows(app, patient, doctor, 1)
    assert patient.client.call("GET", "/api/attendance")["bookingNeedsConfirmation"] is True

    request = booked(patient, doctor, at(10))
    assert request["status"] == "requested"
    assert outbox_keys(app)[-2:] == [
        f"appointment:{request['id']}:requested:patient",
        f"appointment:{request['id']}:requested:doctor",
    ]
    problem(book(other_patient, doctor, at(10)), 409, "slot_taken")  # the slot is held
    problem(
        patient.client.put(f"/api/appointments/{request['id']}", json={"status": "scheduled"}),
        409,
        "invalid_transition",
    )
    problem(
        doctor.client.put(f"/api/appointments/{request['id']}", json={"status": "confirmed"}),
        409,
        "invalid_transition",
    )
    accepted = doctor.client.call(
        "PUT", f"/api/appointments/{request['id']}", {"status": "scheduled"}
    )
    assert accepted["status"] == "scheduled"
    sequence = accepted_seq(app, request["id"])
    assert outbox_keys(app)[-1] == f"appointment:{request['id']}:accepted:{sequence}:patient"

    declined = booked(patient, doctor, at(11))
    assert declined["status"] == "requested"
    answer = doctor.client.call(
        "PUT",
        f"/api/appointments/{declined['id']}",
        {"status": "cancelled", "cancellationMessage": "Please call us to book."},
    )
    assert answer["status"] == "cancelled"
    assert outbox_keys(app)[-1] == f"appointment:{declined['id']}:declined:patient"
    assert sql(
        app,
        "SELECT action FROM appointment_events WHERE appointment_id IN (:a, :b) ORDER BY id",
        a=request["id"],
        b=declined["id"],
    ) == [("requested",), ("accepted",), ("requested",), ("declined",)]
    assert booked(other_patient, doctor, at(11))["status"] == "scheduled"  # free again


def accepted_seq(app: OpenAPI, appointment_id: int) -> int:
    [(sequence,)] = sql(app, "SELECT sequence FROM appointments WHERE id = :i", i=appointment_id)
    return int(sequence)


def test_a_requested_visit_is_never_marked_attended(
    app: OpenAPI, patient: Party[ApiClient], doctor: Party[ApiClient]
) -> None:
    app.config.update(NO_SHOW_POLICY="confirm", NO_SHOW_LIMIT=1)
    _no_shows(app, patient, doctor, 1)
    request = booked(patient, doctor, at(9))
    _start_in(app, request["id"], -timedelta(minutes=10))
    for status in ("no_show", "completed"):
        problem(
            doctor.client.put(f"/api/appointments/{request['id']}", json={"status": status}),
            409,
            "invalid_transition",
        )
