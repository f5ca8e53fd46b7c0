"""GET /api/appointments.ics: the caller's upcoming appointments as iCalendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from email.message import EmailMessage

from flask_openapi3 import OpenAPI
from icalendar import Calendar

from clinic360.notifications.delivery import relay_once
from tests.appointments.helpers import calendar_of, feed_mix
from tests.factories import Party, at, booked, iso
from tests.helpers import ApiClient


def feed(party: Party) -> Calendar:
    return calendar_of(party.client.get("/api/appointments.ics"))


def events(party: Party) -> dict[str, dict[str, object]]:
    return {
        str(event["UID"]): {
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "sequence": int(event["SEQUENCE"]),
            "summary": str(event["SUMMARY"]),
            "status": str(event["STATUS"]),
        }
        for event in feed(party).walk("VEVENT")
    }


def test_feed_lists_upcoming_appointments_without_the_reason(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    mine = feed_mix(app, patient, other_patient, doctor)
    edit = {"status": "scheduled", "reason": "SECRET-REASON"}
    assert patient.client.put(f"/api/appointments/{mine['id']}", json=edit).status_code == 200

    raw = patient.client.get("/api/appointments.ics").get_data(as_text=True)
    assert "SECRET-REASON" not in raw and "Chest" not in raw
    assert raw.startswith("BEGIN:VCALENDAR\r\n") and "VERSION:2.0" in raw

    [(uid, event)] = events(patient).items()
    assert uid == f"appointment-{mine['id']}@127.0.0.1"
    assert event["start"] == at(9).astimezone(UTC) and event["end"] == at(9, 30)
    assert event["summary"] == "Appointment with Dr. Bob Jones"
    assert len(events(doctor)) == 2


def test_uid_is_stable_and_sequence_grows(patient: Party, doctor: Party) -> None:
    created = booked(patient, doctor, at(9))
    [(uid, first)] = events(patient).items()
    assert first["sequence"] == 0 and first["status"] == "TENTATIVE"
    doctor.client.put(f"/api/appointments/{created['id']}", json={"status": "confirmed"})
    [(uid_after, confirmed)] = events(patient).items()
    assert uid_after == uid and confirmed["sequence"] == 1 and confirmed["status"] == "CONFIRMED"
    patient.client.put(
        f"/api/appointments/{created['id']}",
        json={"startTime": iso(at(14)), "endTime": iso(at(14, 30))},
    )
    [(uid_moved, moved)] = events(doctor).items()
    assert uid_moved == uid and moved["sequence"] == 2 and moved["start"] == at(14)


def test_names_are_escaped_and_lines_folded(
    patient: Party, make_party: Callable[..., Party]
) -> None:
    doctor = make_party("doctor", fullName="Dr. Comma, Semi; Back\\slash " + "Long" * 15)
    booked(patient, doctor, at(9))
    raw = patient.client.get("/api/appointments.ics").get_data(as_text=True)
    assert "Comma\\, Semi\\; Back\\\\slash" in raw.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    [event] = feed(patient).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Appointment with Dr. Comma, Semi; Back\\slash")


def test_feed_needs_a_login(client: ApiClient) -> None:
    assert client.get("/api/appointments.ics").status_code == 401


class _Outbox:
    """A transport that keeps the messages the relay sends."""

    label = "memory"

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def send(self, message: EmailMessage, *, sender: str, recipient: str, name: str) -> None:
        self.messages.append(message)


def test_feed_and_email_invitation_name_the_same_event(
    app: OpenAPI, patient: Party, doctor: Party
) -> None:
    """One visit is one calendar event, whether the patient subscribes or accepts the invite."""
    created = booked(patient, doctor, at(9))
    outbox = _Outbox()
    with app.app_context():
        relay_once(transport=outbox)
    [invite] = [
        part.get_payload(decode=True)
        for message in outbox.messages
        if message["To"].addresses[0].addr_spec == patient.user["email"]
        for part in message.walk()
        if part.get_content_type() == "text/calendar"
    ]
    [emailed] = Calendar.from_ical(invite).walk("VEVENT")
    [(uid, _)] = events(patient).items()
    assert str(emailed["UID"]) == uid == f"appointment-{created['id']}@127.0.0.1"


def test_one_appointment_as_a_calendar_file(
    patient: Party, other_patient: Party, doctor: Party, client: ApiClient
) -> None:
    """GET /api/appointments/{id}.ics: that appointment only, for its patient and doctor;
    STATUS follows the appointment (TENTATIVE → CONFIRMED → CANCELLED), never the reason."""
    created = booked(patient, doctor, at(9), reason="SECRET-REASON")
    booked(patient, doctor, at(11))
    path = f"/api/appointments/{created['id']}.ics"

    def status_for(party: Party) -> str:
        response = party.client.get(path)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="appointment-{created["id"]}.ics"'
        )
        assert "SECRET-REASON" not in response.get_data(as_text=True)
        [event] = Calendar.from_ical(response.get_data()).walk("VEVENT")
        assert str(event["UID"]) == f"appointment-{created['id']}@127.0.0.1"
        return str(event["STATUS"])

    assert status_for(patient) == status_for(doctor) == "TENTATIVE"
    doctor.client.put(f"/api/appointments/{created['id']}", json={"status": "confirmed"})
    assert status_for(patient) == "CONFIRMED"
    patient.client.put(f"/api/appointments/{created['id']}", json={"status": "cancelled"})
    assert status_for(patient) == status_for(doctor) == "CANCELLED"

    assert other_patient.client.get(path).status_code == 404
    assert patient.client.get(f"/api/appointments/{created['id'] + 100}.ics").status_code == 404
    assert client.get(path).status_code == 401
