"""The iCalendar feed of a user's upcoming appointments (RFC 5545).

Each appointment is one VEVENT with a stable `UID` (`core.calendar.appointment_uid`, the
same as in email invitations) and `SEQUENCE` (bumped on every change), so calendar apps
update events in place. The feed never carries the appointment reason. The icalendar
package escapes and folds the text; control characters are removed before any value
reaches it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from icalendar import Calendar, Event

from clinic360.accounts.models import Role, User
from clinic360.appointments.models import Appointment
from clinic360.appointments.video import link_of
from clinic360.core.calendar import appointment_uid, event_location, event_status

PRODUCT_ID = "-//Clinic360//Appointments//EN"


def _plain(value: str) -> str:
    """One line of text with no control or format characters."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch for ch in value
    )
    return " ".join(cleaned.split())


def feed(
    viewer: User, appointments: Iterable[Appointment], *, public_url: str, clinic_name: str
) -> bytes:
    """The VCALENDAR document for `viewer`'s appointments (the feed, or one appointment's
    "Add to calendar" file: the same event either way)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _plain(f"{clinic_name} appointments"))
    for appointment in appointments:
        calendar.add_component(
            _event(viewer, appointment, public_url=public_url, clinic_name=clinic_name)
        )
    data: bytes = calendar.to_ical()
    return data


def _event(viewer: User, appointment: Appointment, *, public_url: str, clinic_name: str) -> Event:
    other = appointment.patient if viewer.role == Role.DOCTOR else appointment.doctor
    event = Event()
    event.add("uid", appointment_uid(appointment.id, public_url))
    event.add("dtstamp", appointment.updated_at)
    event.add("last-modified", appointment.updated_at)
    event.add("created", appointment.created_at)
    event.add("dtstart", appointment.start_time)
    event.add("dtend", appointment.end_time)
    event.add("sequence", appointment.sequence)
    event.add("summary", _plain(f"Appointment with {other.full_name}"))
    channel = appointment.visit_type.channel if appointment.visit_type else None
    video = link_of(appointment)  # the viewer is a party: the patient or the doctor
    location = video or event_location(clinic_name, appointment.doctor.address, channel)
    event.add("location", _plain(location))
    if video is not None:
        event.add("url", video)
    event.add("status", event_status(appointment.status))
    event.add("transp", "OPAQUE")
    return event
