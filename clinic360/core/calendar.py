"""Calendar identity shared by the feed and the email invitations (RFC 5545 `UID`)."""

from __future__ import annotations

from urllib.parse import urlsplit


def appointment_uid(appointment_id: int, public_url: str) -> str:
    """The calendar `UID` of an appointment: `appointment-<id>@<host of PUBLIC_URL>`.

    The feed (`appointments/ics.py`) and the email invitation (`notifications/ics.py`) both
    call this, so a visit subscribed to and accepted by email is one event, not two.
    """
    host = urlsplit(public_url).hostname or "clinic360"
    return f"appointment-{appointment_id}@{host}"


def event_status(appointment_status: str) -> str:
    """The iCalendar `STATUS` of an appointment in every calendar the product sends.

    `TENTATIVE` while scheduled or requested (the doctor has not confirmed it yet), `CANCELLED` once
    cancelled, `CONFIRMED` otherwise (confirmed, or past and marked completed or no-show).
    The feed and the one-appointment download (`appointments/ics.py`) and the email
    invitations (`notifications/ics.py`) all call this.
    """
    if appointment_status in ("scheduled", "requested"):
        return "TENTATIVE"
    if appointment_status == "cancelled":
        return "CANCELLED"
    return "CONFIRMED"


def event_location(clinic_name: str, address: str | None, channel: str | None) -> str:
    """The iCalendar `LOCATION` of an appointment: the doctor's address for an in-person
    visit when they gave one, the clinic's name otherwise. A video visit still to happen has
    its room link there instead (and as `URL`), set by the feed and the invitations."""
    if channel != "video" and address:
        return address
    return clinic_name
