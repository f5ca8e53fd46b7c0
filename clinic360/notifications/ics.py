"""Calendar invitations (RFC 5545 / iTIP): stable UID per appointment, SEQUENCE per change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from clinic360.core.calendar import appointment_uid, event_location, event_status
from clinic360.notifications.content import AppointmentFacts, single_line

PRODID = "-//Clinic360//Appointments//EN"


@dataclass(frozen=True)
class Invite:
    method: str  # REQUEST or CANCEL
    status: str  # the appointment's status after this event (content.STATUS_AFTER)
    clinic_name: str
    organizer_address: str
    attendee_address: str
    attendee_name: str
    url: str
    public_url: str
    stamp: datetime


def _address(address: str, name: str) -> vCalAddress:
    value = vCalAddress(f"mailto:{single_line(address)}")
    # A parameter value may not hold a double quote (RFC 5545 3.1).
    value.params["CN"] = vText(single_line(name).replace('"', "'"))
    return value


def invitation(appointment: AppointmentFacts, invite: Invite) -> bytes:
    """The `.ics` body: one VEVENT, no description, no reason, nothing beyond time and doctor."""
    return invitations([appointment], invite)


def invitations(appointments: Sequence[AppointmentFacts], invite: Invite) -> bytes:
    """The `.ics` body with one VEVENT per appointment (a series' email holds them all)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", invite.method)
    for appointment in appointments:
        calendar.add_component(_event(appointment, invite))
    ics: bytes = calendar.to_ical()
    return ics


def _event(appointment: AppointmentFacts, invite: Invite) -> Event:
    event = Event()
    event.add("uid", appointment_uid(appointment.id, invite.public_url))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", invite.stamp)
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end)
    clinic = single_line(invite.clinic_name)
    event.add("summary", f"Appointment with {single_line(appointment.doctor_name)} ({clinic})")
    location = event_location(clinic, appointment.address, appointment.channel)
    video = appointment.video_link if invite.method != "CANCEL" else None
    event.add("location", single_line(video or location, max_length=300))
    event.add("url", single_line(video or invite.url, max_length=2000))
    event.add("status", event_status(invite.status))
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(invite.organizer_address, clinic))
    attendee = _address(invite.attendee_address, invite.attendee_name)
    attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee)
    return event
