"""What an email says: a PHI-free view of one event, rendered to subject, text and HTML.

Templates receive `EmailFacts`, which has no field for a reason, diagnosis, prescription or
note, so no template can leak one (a doctor's cancellation message is written for the patient,
not clinical content). Every value that reaches a header passes `single_line`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from clinic360.outbox.models import EmailKind

APPOINTMENT_KINDS = frozenset(
    {
        EmailKind.APPOINTMENT_BOOKED,
        EmailKind.APPOINTMENT_CONFIRMED,
        EmailKind.APPOINTMENT_RESCHEDULED,
        EmailKind.APPOINTMENT_CANCELLED,
        EmailKind.APPOINTMENT_REMINDER,
        EmailKind.SERIES_BOOKED,
        EmailKind.SERIES_CANCELLED,
        EmailKind.APPOINTMENT_REQUESTED,
        EmailKind.APPOINTMENT_ACCEPTED,
        EmailKind.APPOINTMENT_DECLINED,
    }
)
FAMILY_KINDS = frozenset(
    {
        EmailKind.FAMILY_ACCESS_GRANTED,
        EmailKind.FAMILY_ACCESS_ACCEPTED,
        EmailKind.FAMILY_ACCESS_REVOKED,
        EmailKind.DEPENDENT_INVITED,
    }
)
"""Family access: the email names the other person (`sender`), never anything clinical."""
SERIES_KINDS = frozenset({EmailKind.SERIES_BOOKED, EmailKind.SERIES_CANCELLED})
"""One email for several occurrences of a recurring series: each date listed, one event
per occurrence in the invitation."""
INVITE_METHODS = {
    EmailKind.APPOINTMENT_BOOKED: "REQUEST",
    EmailKind.APPOINTMENT_CONFIRMED: "REQUEST",
    EmailKind.APPOINTMENT_RESCHEDULED: "REQUEST",
    EmailKind.APPOINTMENT_CANCELLED: "CANCEL",
    EmailKind.SERIES_BOOKED: "REQUEST",
    EmailKind.SERIES_CANCELLED: "CANCEL",
    EmailKind.APPOINTMENT_ACCEPTED: "REQUEST",
}
"""Kinds that carry a calendar invitation, and its iTIP method."""
MANAGE_KINDS = frozenset(
    {
        EmailKind.APPOINTMENT_BOOKED,
        EmailKind.APPOINTMENT_CONFIRMED,
        EmailKind.APPOINTMENT_RESCHEDULED,
        EmailKind.APPOINTMENT_REMINDER,
        EmailKind.APPOINTMENT_REQUESTED,
        EmailKind.APPOINTMENT_ACCEPTED,
    }
)
"""Kinds whose patient copy carries the manage link (`appointments/links.py`)."""
STATUS_AFTER = {
    EmailKind.APPOINTMENT_BOOKED: "scheduled",
    EmailKind.APPOINTMENT_CONFIRMED: "confirmed",
    EmailKind.APPOINTMENT_RESCHEDULED: "scheduled",
    EmailKind.APPOINTMENT_CANCELLED: "cancelled",
    EmailKind.SERIES_BOOKED: "scheduled",
    EmailKind.SERIES_CANCELLED: "cancelled",
    EmailKind.APPOINTMENT_ACCEPTED: "scheduled",
}
"""The appointment's status right after the event an invitation reports (a booking and a
move leave it scheduled until the doctor confirms): its calendar `STATUS` follows."""

SUBJECTS = {
    EmailKind.APPOINTMENT_BOOKED: "Your appointment on {when}",
    EmailKind.APPOINTMENT_CONFIRMED: "Confirmed: your appointment on {when}",
    EmailKind.APPOINTMENT_RESCHEDULED: "Moved: your appointment is now on {when}",
    EmailKind.APPOINTMENT_CANCELLED: "Cancelled: your appointment on {when}",
    EmailKind.APPOINTMENT_REMINDER: "Reminder: your appointment on {when}",
    EmailKind.SERIES_BOOKED: "Your {dates} appointments from {when}",
    EmailKind.SERIES_CANCELLED: "Cancelled: {dates} appointments from {when}",
    EmailKind.APPOINTMENT_REQUESTED: "Request received: your appointment on {when}",
    EmailKind.APPOINTMENT_ACCEPTED: "Accepted: your appointment on {when}",
    EmailKind.APPOINTMENT_DECLINED: "Not accepted: your appointment request for {when}",
    EmailKind.PASSWORD_RESET: "Reset your {clinic} password",
    EmailKind.PASSWORD_CHANGED: "Your {clinic} password was changed",
    EmailKind.EMAIL_CHANGED: "Your {clinic} email address was changed",
    EmailKind.DOCTOR_APPROVED: "Your {clinic} doctor account is approved",
    EmailKind.DOCTOR_SUSPENDED: "Your {clinic} doctor account is suspended",
    EmailKind.MESSAGE_RECEIVED: "You have a new message from your clinic",
    EmailKind.MESSAGE_DIGEST: "{count} in {clinic}",
    EmailKind.WAITLIST_OFFER: "A time is free for you: {when}",
    EmailKind.DOCUMENT_AVAILABLE: "A new document is available in {clinic}",
    EmailKind.ACCOUNT_INVITATION: "Your {clinic} account is ready: set your password",
    EmailKind.FAMILY_ACCESS_GRANTED: "Family access in {clinic}: access offered",
    EmailKind.FAMILY_ACCESS_ACCEPTED: "Family access in {clinic}: access accepted",
    EmailKind.FAMILY_ACCESS_REVOKED: "Family access in {clinic}: access ended",
    EmailKind.DEPENDENT_INVITED: "Your own {clinic} account is ready to claim",
    EmailKind.MFA_RESET: "Your {clinic} two-factor sign-in was reset",
}
DOCTOR_SUBJECTS = {
    EmailKind.APPOINTMENT_BOOKED: "New appointment on {when}",
    EmailKind.APPOINTMENT_REQUESTED: "Please confirm: appointment request for {when}",
    EmailKind.MESSAGE_RECEIVED: "You have a new message from {sender}",
}

_UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def single_line(value: str, max_length: int = 200) -> str:
    """`value` with control and format characters and line breaks turned into spaces.

    Used for every value that can reach an email header or an ICS property (Python 3.11.7
    predates the email header-newline fix, CVE-2024-6923).
    """
    cleaned = "".join(" " if unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch for ch in value)
    return " ".join(cleaned.split())[:max_length]


@dataclass(frozen=True)
class AppointmentFacts:
    """An appointment as emails see it: when, with whom, which version. No reason, by design."""

    id: int
    doctor_name: str
    doctor_specialization: str | None
    start: datetime
    end: datetime
    sequence: int
    visit_type: str | None = None
    channel: str | None = None
    address: str | None = None
    # The visit's video room link (video visits still going to happen), read when the
    # email is written: a secret of the two parties, never in a header or a log line.
    video_link: str | None = None


@dataclass(frozen=True)
class EmailFacts:
    """Everything a template may use. Adding PHI here is a review-blocking change."""

    kind: EmailKind
    recipient_name: str
    recipient_is_doctor: bool
    recipient_timezone: str
    clinic_name: str
    public_url: str
    appointment: AppointmentFacts | None = None
    reset_token: str | None = None
    recipient_username: str = ""
    # What a doctor wrote to the patient when cancelling (not clinical content; autoescaped
    # in HTML, never in a header, never logged).
    cancellation_message: str | None = None
    # The patient's personal link to view, confirm, cancel or move the appointment without
    # signing in (a secret: never in a header, an invitation or a log line).
    manage_url: str | None = None
    # Message emails say that there is something to read and where, never what: the
    # thread's id (the link), who wrote (a doctor is told the patient's name), how many.
    thread_id: int | None = None
    sender_name: str | None = None
    message_count: int | None = None
    # Every occurrence a series email is about (the first is `appointment`).
    occurrences: tuple[AppointmentFacts, ...] = ()
    # A waitlist offer's claim link (a secret, like `manage_url`); the offered time is in
    # `appointment` (id 0: no appointment yet; no specialization, type or place).
    claim_url: str | None = None
    # Free times of the same doctor and type a cancellation offers instead (instants only).
    alternatives: tuple[tuple[datetime, datetime], ...] = ()
    # The appointment's doctor: a cancelled patient books again from their page.
    doctor_id: int | None = None


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def recipient_zone(name: str) -> ZoneInfo:
    """The recipient's IANA zone; UTC when the stored name is unknown to this machine."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _short_when(moment: datetime) -> str:
    return f"{moment.day} {moment:%b} at {moment:%H:%M}"


def action_url(facts: EmailFacts) -> str:
    """The one link of the email: where the recipient acts on it in the web app."""
    base = facts.public_url.rstrip("/")
    if facts.kind is EmailKind.WAITLIST_OFFER:
        return facts.claim_url or f"{base}/waitlist"
    if facts.kind is EmailKind.ACCOUNT_INVITATION:
        return facts.claim_url or f"{base}/login"
    if facts.appointment is not None:
        if facts.kind in (
            EmailKind.APPOINTMENT_CANCELLED,
            EmailKind.SERIES_CANCELLED,
            EmailKind.APPOINTMENT_DECLINED,
        ):
            # "Book another time" (patient) / "Open your schedule" (doctor).
            return f"{base}/agenda" if facts.recipient_is_doctor else f"{base}/doctors"
        return f"{base}/appointments/{facts.appointment.id}"
    if facts.kind is EmailKind.PASSWORD_RESET:
        # In the fragment: browsers never send it to a server or in a Referer header.
        return f"{base}/reset-password#token={facts.reset_token}"
    if facts.kind is EmailKind.PASSWORD_CHANGED:
        return f"{base}/forgot-password"
    if facts.kind is EmailKind.DOCTOR_APPROVED:
        return f"{base}/doctor"
    if facts.kind is EmailKind.DOCTOR_SUSPENDED:
        return f"{base}/"  # a suspended doctor can no longer log in
    if facts.kind is EmailKind.MESSAGE_RECEIVED and facts.thread_id is not None:
        return f"{base}/messages/{facts.thread_id}"
    if facts.kind in (EmailKind.MESSAGE_RECEIVED, EmailKind.MESSAGE_DIGEST):
        return f"{base}/messages"
    if facts.kind is EmailKind.DOCUMENT_AVAILABLE:
        return f"{base}/records"
    if facts.kind is EmailKind.DEPENDENT_INVITED:
        # In the fragment, like a reset link: never sent to a server or in a Referer.
        return f"{base}/family/claim#token={facts.reset_token}"
    if facts.kind in FAMILY_KINDS:
        return f"{base}/family"
    return f"{base}/login"


def _view(facts: EmailFacts) -> dict[str, Any]:
    view: dict[str, Any] = {
        "kind": facts.kind.value,
        "clinic": single_line(facts.clinic_name),
        "name": single_line(facts.recipient_name),
        "username": single_line(facts.recipient_username),
        "message": facts.cancellation_message or None,
        "is_doctor": facts.recipient_is_doctor,
        "action_url": action_url(facts),
        "manage_url": facts.manage_url,
        "app_url": facts.public_url.rstrip("/"),
        "when": None,
        "doctor": None,
        "specialization": None,
        "visit_type": None,
        "where": None,
        "video_link": None,
        "cancelled": facts.kind
        in (
            EmailKind.APPOINTMENT_CANCELLED,
            EmailKind.SERIES_CANCELLED,
            EmailKind.APPOINTMENT_DECLINED,
        ),
        "dates": [],
        "alternatives": [],
        "booking_url": None,
        "has_invite": facts.kind in INVITE_METHODS,
        "sender": single_line(facts.sender_name or "") or "a patient",
        "count": _count_text(facts.message_count or 0),
    }
    appointment = facts.appointment
    if appointment is not None:
        zone = recipient_zone(facts.recipient_timezone)
        start, end = appointment.start.astimezone(zone), appointment.end.astimezone(zone)
        view["when"] = {
            "date": f"{start:%A} {start.day} {start:%B %Y}",
            "time": f"{start:%H:%M} – {end:%H:%M}",
            "zone": f"{zone.key} ({start.tzname()})" if zone.key != "UTC" else "UTC",
            "short": _short_when(start),
        }
        view["dates"] = [_date_line(item, zone) for item in facts.occurrences]
        view["alternatives"] = [_slot_line(start, end, zone) for start, end in facts.alternatives]
        if facts.alternatives and facts.doctor_id is not None:
            view["booking_url"] = f"{view['app_url']}/doctors/{facts.doctor_id}"
        view["doctor"] = single_line(appointment.doctor_name)
        view["specialization"] = single_line(appointment.doctor_specialization or "") or None
        view["visit_type"] = single_line(appointment.visit_type or "") or None
        view["where"] = (
            single_line(appointment.address or "", max_length=300) or None
            if appointment.channel != "video"
            else None
        )
        if facts.kind is not EmailKind.APPOINTMENT_CANCELLED:
            view["video_link"] = single_line(appointment.video_link or "", max_length=300) or None
    return view


def _date_line(appointment: AppointmentFacts, zone: ZoneInfo) -> str:
    return _slot_line(appointment.start, appointment.end, zone)


def _slot_line(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    start, end = start.astimezone(zone), end.astimezone(zone)
    return f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M} – {end:%H:%M}"


def _count_text(count: int) -> str:
    return "1 new message" if count == 1 else f"{count} new messages"


def subject_for(facts: EmailFacts, view: dict[str, Any]) -> str:
    templates = DOCTOR_SUBJECTS if facts.recipient_is_doctor else {}
    pattern = templates.get(facts.kind, SUBJECTS[facts.kind])
    when = view["when"]["short"] if view["when"] else ""
    return single_line(
        pattern.format(
            when=when,
            clinic=view["clinic"],
            sender=view["sender"],
            count=view["count"],
            dates=len(view["dates"]),
        )
    )


_environment = Environment(
    loader=PackageLoader("clinic360.notifications", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render(facts: EmailFacts) -> RenderedEmail:
    """Subject, plain-text and HTML body of one email (HTML autoescaped)."""
    view = _view(facts)
    view["subject"] = subject_for(facts, view)
    copy = f"copy/{facts.kind.value}.jinja"
    text = _environment.get_template("layout.txt").render(view, copy=copy)
    html = _environment.get_template("layout.html").render(view, copy=copy)
    return RenderedEmail(subject=view["subject"], text=text, html=html)
