"""Booking by visit type: length, grid and buffers of the slots; the patient rules (who may
book, notice, horizon, cancellation and reschedule windows) and what the doctor may still
do; a type's later changes never move booked visits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask_openapi3 import OpenAPI
from icalendar import Calendar

from tests.appointments.helpers import sql
from tests.factories import Party, at, book, booked, iso
from tests.helpers import rendered_outbox_email

BUFFERED = {
    "name": "Follow-up",
    "durationMinutes": 30,
    "slotGridMinutes": 15,
    "bufferBeforeMinutes": 10,
    "bufferAfterMinutes": 20,
    "colour": "#aa3300",
}


def add_type(doctor: Party[Any], **fields: Any) -> dict[str, Any]:
    created: dict[str, Any] = doctor.client.call(
        "POST", "/api/visit-types", {**BUFFERED, **fields}, status=201
    )
    return created


def starts(patient: Party[Any], doctor: Party[Any], query: str) -> list[str]:
    day = at(0).date().isoformat()
    slots = patient.client.call(
        "GET", f"/api/doctors/{doctor.id}/slots?from={day}&to={day}&{query}"
    )
    return [slot["startTime"][11:16] for slot in slots]


def code(response: Any) -> tuple[int, str]:
    return response.status_code, response.get_json()["code"]


def blocked_of(app: OpenAPI, appointment_id: int) -> tuple[datetime, datetime]:
    """The stored blocked range, in UTC (SQLite hands back naive text)."""
    [row] = sql(
        app, "SELECT blocked_start, blocked_end FROM appointments WHERE id = :i", i=appointment_id
    )
    start, end = (datetime.fromisoformat(str(value)) for value in row)
    return start.replace(tzinfo=start.tzinfo or UTC), end.replace(tzinfo=end.tzinfo or UTC)


def test_slots_of_a_type_follow_its_length_grid_and_buffers(
    app: OpenAPI, patient: Party[Any], other_patient: Party[Any], doctor: Party[Any]
) -> None:
    follow_up = add_type(doctor)
    query = f"visitType={follow_up['id']}"
    assert starts(patient, doctor, query)[:3] == ["08:00", "08:15", "08:30"]
    # A default-type visit 10:00–10:30 (no buffers of its own).
    booked(other_patient, doctor, at(10))
    free = starts(patient, doctor, query)
    # 09:15–09:45 needs until 10:05 free after it; 10:45 needs from 10:35 before it.
    assert "09:00" in free and "09:15" not in free and "10:30" not in free and "10:45" in free
    # Booking names the type; the end comes from it; the blocked range is stored.
    visit = booked(patient, doctor, at(11), 30, visitTypeId=follow_up["id"])
    assert visit["visitType"] == {
        "id": follow_up["id"],
        "name": "Follow-up",
        "colour": "#aa3300",
        "channel": "in_person",
        "durationMinutes": 30,
    }
    assert blocked_of(app, visit["id"]) == (at(10, 50), at(11, 50))
    # The default type's slots keep out of its blocked range too.
    default_free = starts(patient, doctor, "")
    assert "10:30" not in default_free and "11:30" not in default_free
    assert "09:30" in default_free and "12:00" in default_free


def test_end_time_may_be_left_out_but_must_match_when_sent(
    patient: Party[Any], doctor: Party[Any]
) -> None:
    follow_up = add_type(doctor)
    body = {"doctorId": doctor.id, "visitTypeId": follow_up["id"], "startTime": iso(at(9))}
    made = patient.client.call("POST", "/api/appointments", body, status=201)
    assert made["endTime"] == iso(at(9, 30))
    wrong = book(patient, doctor, at(13), 45, visitTypeId=follow_up["id"])
    assert code(wrong) == (422, "not_a_slot")
    off_grid = book(patient, doctor, at(13, 5), 30, visitTypeId=follow_up["id"])
    assert code(off_grid) == (422, "not_a_slot")


def test_buffers_are_taken_with_alternatives_of_the_same_type(
    patient: Party[Any], other_patient: Party[Any], doctor: Party[Any]
) -> None:
    follow_up = add_type(doctor)
    booked(patient, doctor, at(11), 30, visitTypeId=follow_up["id"])  # blocks 10:50–11:50
    clash = book(other_patient, doctor, at(11, 45), 30, visitTypeId=follow_up["id"])
    assert code(clash) == (409, "slot_taken")
    alternatives = clash.get_json()["alternatives"]
    assert alternatives and all(
        datetime.fromisoformat(a["endTime"]) - datetime.fromisoformat(a["startTime"])
        == timedelta(minutes=30)
        for a in alternatives
    )
    assert all(a["startTime"] != iso(at(11, 45)) for a in alternatives)
    # Blocked ranges may touch: 11:50–12:50 after 10:50–11:50.
    assert book(other_patient, doctor, at(12), 30, visitTypeId=follow_up["id"]).status_code == 201


def test_changing_a_type_never_moves_booked_visits(
    app: OpenAPI, patient: Party[Any], other_patient: Party[Any], doctor: Party[Any]
) -> None:
    follow_up = add_type(doctor)
    visit = booked(patient, doctor, at(11), 30, visitTypeId=follow_up["id"])
    before = blocked_of(app, visit["id"])
    changed = {
        **follow_up,
        "durationMinutes": 60,
        "bufferBeforeMinutes": 0,
        "bufferAfterMinutes": 0,
    }
    doctor.client.call("PUT", f"/api/visit-types/{follow_up['id']}", changed)
    assert blocked_of(app, visit["id"]) == before
    again = patient.client.call("GET", f"/api/appointments/{visit['id']}")
    assert (again["startTime"], again["endTime"]) == (iso(at(11)), iso(at(11, 30)))
    # 11:50 is still inside the old booking's buffer for a default-type visit.
    assert code(book(other_patient, doctor, at(11, 30))) == (409, "slot_taken")


def test_notice_and_horizon_apply_to_patients(patient: Party[Any], doctor: Party[Any]) -> None:
    soon_only = add_type(doctor, name="Urgent", minNoticeMinutes=8 * 24 * 60, horizonDays=10)
    type_id = soon_only["id"]
    assert code(book(patient, doctor, at(9), 30, visitTypeId=type_id)) == (422, "notice_too_short")
    assert starts(patient, doctor, f"visitType={type_id}") == []  # all of day 7 is too soon
    far = book(patient, doctor, at(9, offset=11), 30, visitTypeId=type_id)
    assert code(far) == (422, "outside_booking_window")
    assert book(patient, doctor, at(9, offset=9), 30, visitTypeId=type_id).status_code == 201


def test_who_may_book_a_type_online(
    patient: Party[Any], other_patient: Party[Any], doctor: Party[Any]
) -> None:
    staff = add_type(doctor, name="Vaccination", bookableBy="staff_only")
    refused = book(patient, doctor, at(9), 30, visitTypeId=staff["id"])
    assert code(refused) == (403, "visit_type_not_bookable")
    hidden = patient.client.get(f"/api/doctors/{doctor.id}/slots?visitType={staff['id']}")
    assert code(hidden) == (422, "invalid_visit_type")
    regulars = add_type(doctor, name="Check-up", bookableBy="existing_patients")
    assert code(book(patient, doctor, at(9), 30, visitTypeId=regulars["id"])) == (
        403,
        "visit_type_not_bookable",
    )
    booked(patient, doctor, at(14))  # now a patient of this doctor
    assert book(patient, doctor, at(9), 30, visitTypeId=regulars["id"]).status_code == 201
    assert code(book(other_patient, doctor, at(10), 30, visitTypeId=regulars["id"]))[0] == 403


@pytest.mark.parametrize("window", ["cancelNoticeHours", "rescheduleNoticeHours"])
def test_notice_windows_bind_patients_not_the_doctor(
    patient: Party[Any], doctor: Party[Any], window: str
) -> None:
    strict = add_type(doctor, name="Surgery", **{window: 24 * 30})
    visit = booked(patient, doctor, at(9), 30, visitTypeId=strict["id"])
    path = f"/api/appointments/{visit['id']}"
    if window == "cancelNoticeHours":
        response, expected = (
            patient.client.put(path, json={"status": "cancelled"}),
            (
                409,
                "cancellation_window_passed",
            ),
        )
    else:
        move = {"startTime": iso(at(10)), "endTime": iso(at(10, 30))}
        response, expected = patient.client.put(path, json=move), (409, "reschedule_window_passed")
    assert code(response) == expected
    moved = doctor.client.call(
        "PUT", path, {"startTime": iso(at(12, 5)), "endTime": iso(at(12, 35))}
    )
    assert moved["visitType"]["id"] == strict["id"]  # a reschedule keeps the type
    doctor.client.call("PUT", path, {"status": "cancelled"})


def test_a_patient_reschedules_onto_slots_of_the_same_type(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    follow_up = add_type(doctor)
    visit = booked(patient, doctor, at(9), 30, visitTypeId=follow_up["id"])
    path = f"/api/appointments/{visit['id']}"
    off = patient.client.put(path, json={"startTime": iso(at(10, 5)), "endTime": iso(at(10, 35))})
    assert code(off) == (422, "not_a_slot")
    moved = patient.client.call(
        "PUT", path, {"startTime": iso(at(10, 15)), "endTime": iso(at(10, 45))}
    )
    assert moved["visitType"]["id"] == follow_up["id"]
    start, end = blocked_of(app, visit["id"])
    assert end - start == timedelta(minutes=60)


def test_the_calendar_location_is_the_address_of_in_person_visits(
    patient: Party[Any], doctor: Party[Any]
) -> None:
    doctor.client.call("PUT", "/api/user", {"address": "12 High Street, Leeds"})
    in_person = booked(patient, doctor, at(9))
    video_type = add_type(doctor, name="Video", channel="video")
    video = booked(patient, doctor, at(11), 30, visitTypeId=video_type["id"])

    def location(appointment: dict[str, Any]) -> str:
        response = patient.client.get(f"/api/appointments/{appointment['id']}.ics")
        [event] = Calendar.from_ical(response.get_data()).walk("VEVENT")
        return str(event["LOCATION"])

    assert location(in_person) == "12 High Street, Leeds"
    assert location(video) == video["videoLink"]  # its own room (test_video_visits.py)


def test_the_booking_email_names_the_visit_and_where_it_happens(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    doctor.client.call("PUT", "/api/user", {"address": "12 High Street, Leeds"})
    follow_up = add_type(doctor)
    visit = booked(patient, doctor, at(9), 30, visitTypeId=follow_up["id"])
    [(outbox_id,)] = sql(
        app,
        "SELECT id FROM email_outbox WHERE appointment_id = :a AND recipient_id = :p",
        a=visit["id"],
        p=patient.id,
    )
    email = rendered_outbox_email(app, outbox_id)
    assert "Visit:   Follow-up" in email["text/plain"]
    assert "Where:   12 High Street, Leeds" in email["text/plain"]
    assert "12 High Street, Leeds" in email["text/html"]
    [event] = Calendar.from_ical(email["text/calendar"]).walk("VEVENT")
    assert str(event["LOCATION"]) == "12 High Street, Leeds"
