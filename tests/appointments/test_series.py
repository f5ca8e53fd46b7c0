"""A doctor books for a patient in their care: one visit, or a recurring series booked
all-or-nothing, DST-correct, with one email listing every date; reading and cancelling a
series only by its doctor and patient."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask_openapi3 import OpenAPI
from icalendar import Calendar

from tests.appointments.helpers import sql
from tests.factories import Party, admin_party, at, booked, iso
from tests.helpers import problem, rendered_outbox_email


def series_body(patient: Party[Any], start: datetime, **extra: Any) -> dict[str, Any]:
    return {"patientId": patient.id, "startTime": iso(start), "everyWeeks": 1, "count": 10, **extra}


def in_care(patient: Party[Any], doctor: Party[Any]) -> dict[str, Any]:
    """The patient books a first visit (08:00, 7 days ahead): now in the doctor's care."""
    return booked(patient, doctor, at(8))


def appointment_count(app: OpenAPI) -> int:
    [(count,)] = sql(app, "SELECT count(*) FROM appointments")
    return int(count)


def outbox(app: OpenAPI, kind: str) -> list[Any]:
    return sql(app, "SELECT id, recipient_id FROM email_outbox WHERE kind = :k ORDER BY id", k=kind)


def test_doctor_books_a_visit_for_a_patient_in_care(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any], other_patient: Party[Any]
) -> None:
    in_care(patient, doctor)
    staff = doctor.client.call(
        "POST",
        "/api/visit-types",
        {"name": "Injection", "durationMinutes": 15, "bookableBy": "staff_only",
         "minNoticeMinutes": 43200, "colour": "#112233"},
        status=201,
    )  # fmt: skip
    body = {"patientId": patient.id, "visitTypeId": staff["id"], "startTime": iso(at(9))}
    visit = doctor.client.call("POST", "/api/doctor/appointments", body, status=201)
    assert visit["patientId"] == patient.id and visit["doctorId"] == doctor.id
    assert visit["endTime"] == iso(at(9, 15)) and visit["seriesId"] is None
    # The patient gets the booking email; the doctor, who booked it, does not.
    [(_, recipient)] = [
        row
        for row in sql(app, "SELECT id, recipient_id FROM email_outbox WHERE appointment_id = :a",
                       a=visit["id"])
    ]  # fmt: skip
    assert recipient == patient.id
    # Same slot again: the usual 409 with alternatives.
    body = {"patientId": patient.id, "visitTypeId": staff["id"], "startTime": iso(at(9))}
    taken = problem(doctor.client.post("/api/doctor/appointments", json=body), 409, "slot_taken")
    assert taken["alternatives"]
    # A patient not in the doctor's care looks like a missing one; patients may not use it.
    other = {"patientId": other_patient.id, "startTime": iso(at(11))}
    problem(doctor.client.post("/api/doctor/appointments", json=other), 404, "not_found")
    problem(patient.client.post("/api/doctor/appointments", json=other), 403, "forbidden")


def test_a_series_books_every_occurrence_and_one_email_lists_them(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    in_care(patient, doctor)
    series = doctor.client.call("POST", "/api/series", series_body(patient, at(9)), status=201)
    starts = [o["startTime"] for o in series["occurrences"]]
    assert starts == [iso(at(9) + timedelta(weeks=n)) for n in range(10)]
    assert {o["seriesId"] for o in series["occurrences"]} == {series["id"]}
    # One email, to the patient, listing every date, with one invitation of 10 events.
    [(outbox_id, recipient)] = outbox(app, "series_booked")
    assert recipient == patient.id
    email = rendered_outbox_email(app, outbox_id)
    assert "10 appointments" in email["subject"]
    assert email["text/plain"].count("\n  - ") == 10
    calendar = Calendar.from_ical(email["text/calendar"])
    events = calendar.walk("VEVENT")
    assert len(events) == 10
    assert [e.decoded("dtstart").astimezone(UTC) for e in events] == [
        at(9) + timedelta(weeks=n) for n in range(10)
    ]
    # Both parties read it; the patient's appointment shows it is part of a series.
    assert patient.client.call("GET", f"/api/series/{series['id']}")["everyWeeks"] == 1
    first = patient.client.call(
        "GET", f"/api/appointments/{starts and series['occurrences'][0]['id']}"
    )
    assert first["seriesId"] == series["id"]


def test_one_conflicting_date_books_nothing_and_names_that_date(
    app: OpenAPI, patient: Party[Any], other_patient: Party[Any], doctor: Party[Any]
) -> None:
    in_care(patient, doctor)
    clash = at(9, offset=7 + 3 * 7)  # the fourth occurrence
    booked(other_patient, doctor, clash)
    before = appointment_count(app)
    response = doctor.client.post("/api/series", json=series_body(patient, at(9)))
    body = problem(response, 409, "series_conflict")
    [conflict] = body["conflicts"]
    assert conflict["startTime"] == iso(clash) and conflict["problem"] == "slot_taken"
    assert conflict["alternatives"]
    assert iso(clash) not in [alt["startTime"] for alt in conflict["alternatives"]]
    assert appointment_count(app) == before
    assert outbox(app, "series_booked") == []
    [(count,)] = sql(app, "SELECT count(*) FROM appointment_series")
    assert count == 0


def test_a_clinic_closure_on_one_date_books_nothing_and_names_that_date(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    in_care(patient, doctor)
    closed = at(9, offset=7 + 2 * 7)  # the third occurrence
    admin_party(app).client.call(
        "POST",
        "/api/admin/closures",
        {"date": closed.date().isoformat(), "name": "Inventory day"},
        status=201,
    )
    before = appointment_count(app)
    response = doctor.client.post("/api/series", json=series_body(patient, at(9)))
    body = problem(response, 409, "series_conflict")
    [conflict] = body["conflicts"]
    assert conflict["startTime"] == iso(closed) and conflict["problem"] == "clinic_closed"
    assert all(alt["startTime"][:10] != iso(closed)[:10] for alt in conflict["alternatives"])
    assert appointment_count(app) == before


def test_a_series_keeps_the_wall_clock_time_across_daylight_saving(
    app: OpenAPI, patient: Party[Any], make_party: Any
) -> None:
    doctor = make_party("doctor", timezone="Europe/Berlin")
    in_care(patient, doctor)
    berlin = ZoneInfo("Europe/Berlin")
    # 40 weekly visits span 39 weeks: always across a change of Berlin's clocks.
    first_day = (datetime.now(berlin) + timedelta(days=7)).date()
    first = datetime(first_day.year, first_day.month, first_day.day, 11, 0, tzinfo=berlin)
    body = series_body(patient, first, count=40)
    series = doctor.client.call("POST", "/api/series", body, status=201)
    local = [
        datetime.fromisoformat(o["startTime"].replace("Z", "+00:00")).astimezone(berlin)
        for o in series["occurrences"]
    ]
    assert {(t.hour, t.minute, t.weekday()) for t in local} == {(11, 0, first.weekday())}
    assert len({t.utcoffset() for t in local}) == 2


def test_limits_of_a_series(app: OpenAPI, patient: Party[Any], doctor: Party[Any]) -> None:
    in_care(patient, doctor)
    app.config["SERIES_MAX_OCCURRENCES"] = 5
    too_many = doctor.client.post("/api/series", json=series_body(patient, at(9), count=6))
    assert problem(too_many, 422, "validation_error")["errors"]["count"]
    app.config["SERIES_MAX_OCCURRENCES"] = 52
    wide = doctor.client.post("/api/series", json=series_body(patient, at(9), everyWeeks=13))
    assert problem(wide, 422, "validation_error")["errors"]["everyWeeks"]
    far = doctor.client.post(
        "/api/series", json=series_body(patient, at(9), everyWeeks=12, count=52)
    )
    assert problem(far, 422, "validation_error")["errors"]["count"]
    for bad in ({"count": 1}, {"count": 0}, {"everyWeeks": 0}, {"everyWeeks": 53}):
        response = doctor.client.post("/api/series", json=series_body(patient, at(9), **bad))
        assert response.status_code == 422
    assert appointment_count(app) == 1


def test_only_its_doctor_and_patient_read_or_cancel_a_series(
    app: OpenAPI, patient: Party[Any], other_patient: Party[Any], doctor: Party[Any],
    make_party: Any,
) -> None:  # fmt: skip
    in_care(patient, doctor)
    series = doctor.client.call(
        "POST", "/api/series", series_body(patient, at(9), count=3), status=201
    )
    other_doctor = make_party("doctor")
    in_care(other_patient, other_doctor)
    for outsider in (other_patient, other_doctor):
        problem(outsider.client.get(f"/api/series/{series['id']}"), 404, "not_found")
        problem(outsider.client.post(f"/api/series/{series['id']}/cancel"), 404, "not_found")
    # Another doctor cannot book for this patient either.
    body = series_body(patient, at(12), count=2)
    problem(other_doctor.client.post("/api/series", json=body), 404, "not_found")
    assert doctor.client.call("GET", f"/api/series/{series['id']}")["id"] == series["id"]


def test_cancelling_one_and_then_all_future_occurrences(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    in_care(patient, doctor)
    series = doctor.client.call(
        "POST", "/api/series", series_body(patient, at(9), count=4), status=201
    )
    first = series["occurrences"][0]["id"]
    doctor.client.call("PUT", f"/api/appointments/{first}", {"status": "cancelled"})
    done = patient.client.call("POST", f"/api/series/{series['id']}/cancel")
    assert done["cancelled"] == [iso(at(9) + timedelta(weeks=n)) for n in (1, 2, 3)]
    assert {o["status"] for o in done["occurrences"]} == {"cancelled"}
    rows = outbox(app, "series_cancelled")
    assert sorted(recipient for _, recipient in rows) == sorted([patient.id, doctor.id])
    email = rendered_outbox_email(app, rows[0][0])
    assert email["text/plain"].count("\n  - ") == 3
    assert len(Calendar.from_ical(email["text/calendar"]).walk("VEVENT")) == 3
    # Again: nothing left to cancel, no new email.
    again = doctor.client.call("POST", f"/api/series/{series['id']}/cancel")
    assert again["cancelled"] == []
    assert len(outbox(app, "series_cancelled")) == 2
