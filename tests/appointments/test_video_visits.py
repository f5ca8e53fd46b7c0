"""Video visits: each appointment of a video type has its own room link, for its parties only."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import time_machine
from flask_openapi3 import OpenAPI
from icalendar import Calendar

from clinic360.appointments.reminders import schedule_reminders
from tests.appointments.helpers import sql
from tests.appointments.test_manage_links import anonymous, emails_of, link_of
from tests.factories import Party, at, booked, iso
from tests.helpers import captured_logs

ROOM = re.compile(r"^https://meet\.jit\.si/clinic360-[A-Za-z0-9_-]{22}$")
FOLLOW_UP = {
    "name": "Follow-up",
    "durationMinutes": 15,
    "bufferBeforeMinutes": 5,
    "bufferAfterMinutes": 10,
    "channel": "video",
    "description": "A short video call about your results.",
}


def video_type(doctor: Party[Any]) -> dict[str, Any]:
    created: dict[str, Any] = doctor.client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    return created


def rooms(app: OpenAPI) -> list[str | None]:
    return [row[0] for row in sql(app, "SELECT video_room FROM appointments ORDER BY id")]


def event_of(party: Party[Any], appointment_id: int) -> Any:
    response = party.client.get(f"/api/appointments/{appointment_id}.ics")
    assert response.status_code == 200
    [event] = Calendar.from_ical(response.get_data()).walk("VEVENT")
    return event


def test_only_video_visits_get_a_room_each_their_own(
    app: OpenAPI, patient: Party[Any], other_patient: Party[Any], doctor: Party[Any]
) -> None:
    follow_up = video_type(doctor)
    in_person = booked(patient, doctor, at(9))
    first = booked(patient, doctor, at(11), 15, visitTypeId=follow_up["id"])
    second = booked(other_patient, doctor, at(13), 15, visitTypeId=follow_up["id"])
    assert in_person["videoLink"] is None
    assert ROOM.match(first["videoLink"]) and ROOM.match(second["videoLink"])
    assert first["videoLink"] != second["videoLink"]
    stored = rooms(app)
    assert stored[0] is None and len({*stored[1:]}) == 2
    # Both parties see it; the doctor's agenda and the patient's list carry it.
    assert (
        doctor.client.call("GET", f"/api/appointments/{first['id']}")["videoLink"]
        == (first["videoLink"])
    )
    listed = {a["id"]: a["videoLink"] for a in patient.client.call("GET", "/api/appointments")}
    assert listed == {in_person["id"]: None, first["id"]: first["videoLink"]}


def test_nobody_else_gets_the_link(
    patient: Party[Any],
    other_patient: Party[Any],
    doctor: Party[Any],
    make_party: Callable[..., Party[Any]],
) -> None:
    visit = booked(patient, doctor, at(11), 15, visitTypeId=video_type(doctor)["id"])
    stranger_doctor = make_party("doctor", fullName="Dr. Eve Stone")
    for party in (other_patient, stranger_doctor):
        for path in (f"/api/appointments/{visit['id']}", f"/api/appointments/{visit['id']}.ics"):
            assert party.client.get(path).status_code == 404
        everything = party.client.get("/api/appointments").get_data(as_text=True)
        feed = party.client.get("/api/appointments.ics").get_data(as_text=True)
        assert visit["videoLink"] not in everything + feed


def test_a_reschedule_keeps_the_room_a_cancellation_retires_it(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    visit = booked(patient, doctor, at(11), 15, visitTypeId=video_type(doctor)["id"])
    path = f"/api/appointments/{visit['id']}"
    with captured_logs() as lines:
        moved = patient.client.call("PUT", path, {"startTime": iso(at(12)),
                                                  "endTime": iso(at(12, 15))})  # fmt: skip
        by_doctor = doctor.client.call("PUT", path, {"startTime": iso(at(14)),
                                                     "endTime": iso(at(14, 15))})  # fmt: skip
    assert moved["videoLink"] == by_doctor["videoLink"] == visit["videoLink"]
    room = visit["videoLink"].rsplit("/", 1)[1]
    assert room not in "\n".join(lines)
    cancelled = patient.client.call("PUT", path, {"status": "cancelled"})
    assert cancelled["videoLink"] is None
    assert rooms(app) == [None]
    assert patient.client.call("GET", path)["videoLink"] is None
    assert "URL" not in event_of(patient, visit["id"])


def test_the_link_is_in_the_emails_the_calendar_files_and_the_link_page(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    doctor.client.call("PUT", "/api/user", {"address": "12 High Street, Leeds"})
    visit = booked(patient, doctor, at(11), 15, visitTypeId=video_type(doctor)["id"])
    in_person = booked(patient, doctor, at(9))
    link = visit["videoLink"]
    emails = emails_of(app, visit["id"])
    assert {key.rsplit(":", 1)[1] for key in emails} == {"patient", "doctor"}
    for email in emails.values():
        assert f"Video:   {link}" in email["text/plain"]
        assert f'href="{link}"' in email["text/html"]
        assert "12 High Street" not in email["text/plain"]
        [event] = Calendar.from_ical(email["text/calendar"]).walk("VEVENT")
        assert (str(event["LOCATION"]), str(event["URL"])) == (link, link)
    for party in (patient, doctor):
        event = event_of(party, visit["id"])
        assert (str(event["LOCATION"]), str(event["URL"])) == (link, link)
        assert str(event_of(party, in_person["id"])["LOCATION"]) == "12 High Street, Leeds"
        feed = party.client.get("/api/appointments.ics").get_data(as_text=True)
        assert link in feed.replace("\r\n ", "")

    moved = {"startTime": iso(at(12)), "endTime": iso(at(12, 15))}
    doctor.client.call("PUT", f"/api/appointments/{visit['id']}", moved)
    with app.app_context(), time_machine.travel(at(12) - timedelta(hours=1), tick=False):
        assert schedule_reminders() >= 2
    later = emails_of(app, visit["id"], ("appointment_rescheduled", "appointment_reminder"))
    assert len(later) == 4
    assert all(f"Video:   {link}" in email["text/plain"] for email in later.values())

    token = link_of(app, visit["id"], ":rescheduled:")
    state = anonymous(app, "GET", f"/api/manage/{token}").get_json()
    assert (state["place"], state["videoLink"]) == ("Video visit", link)
    other = anonymous(app, "GET", f"/api/manage/{link_of(app, in_person['id'], ':booked:')}")
    assert (other.get_json()["place"], other.get_json()["videoLink"]) == (
        "12 High Street, Leeds",
        None,
    )

    doctor.client.call("PUT", f"/api/appointments/{visit['id']}", {"status": "cancelled"})
    cancellations = emails_of(app, visit["id"], ("appointment_cancelled",))
    assert cancellations and all(link not in str(email) for email in cancellations.values())


def test_the_base_address_is_a_setting(
    app: OpenAPI, patient: Party[Any], doctor: Party[Any]
) -> None:
    app.config["VIDEO_BASE_URL"] = "https://meet.example.org/rooms/"
    visit = booked(patient, doctor, at(11), 15, visitTypeId=video_type(doctor)["id"])
    assert visit["videoLink"].startswith("https://meet.example.org/rooms/clinic360-")
