"""Turning an outbox row into a message: from ids and the payload its domain wrote.

Users are read through `accounts.contacts`, reminder freshness through
`appointments.reminders`; this module reads no table of another domain. Appointment emails
describe the event they were queued for: times and calendar sequence come from the payload
(`appointments/emails.py`), never from the appointment as it is now. The one exception is a
video visit's room link (`appointments.video`), read as it is when the email is written: a
room retired by a cancellation is never sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.message import EmailMessage

from flask import current_app
from sqlalchemy.orm import Session

from clinic360.accounts.contacts import Contact, contact_of
from clinic360.accounts.invitations import claim_url as account_claim_url
from clinic360.appointments.links import manage_url
from clinic360.appointments.reminders import reminder_still_due
from clinic360.appointments.video import current_link
from clinic360.notifications.content import (
    APPOINTMENT_KINDS,
    FAMILY_KINDS,
    INVITE_METHODS,
    MANAGE_KINDS,
    SERIES_KINDS,
    STATUS_AFTER,
    AppointmentFacts,
    EmailFacts,
    action_url,
    render,
)
from clinic360.notifications.ics import Invite, invitations
from clinic360.notifications.message import (
    InvalidAddress,
    compose,
    message_id,
    parse_address,
    sender_domain,
)
from clinic360.notifications.transport import PermanentFailure
from clinic360.outbox.models import EmailKind, OutboxEmail

ClaimLink = Callable[[Session, int, datetime], str | None]
"""`link(session, offer_id, now)`: the claim URL of a waitlist offer still open, else None."""
_claim_link: list[ClaimLink] = []


def provide_claim_link(link: ClaimLink) -> None:
    """The waitlist domain (above this one) derives its offers' claim links at render time."""
    _claim_link[:] = [link]


def claim_link(session: Session, offer_id: int, now: datetime) -> str | None:
    """The claim URL of a waitlist offer still open (None once it is not, or without the
    waitlist domain): for the offer's email and its text message."""
    return _claim_link[0](session, offer_id, now) if _claim_link else None


@dataclass(frozen=True)
class Prepared:
    message: EmailMessage
    sender: str
    recipient: str
    name: str


@dataclass(frozen=True)
class Skip:
    why: str


def _contact(session: Session, user_id: int) -> Contact:
    contact = contact_of(session, user_id)
    if contact is None:
        raise PermanentFailure("recipient no longer exists")
    return contact


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _appointment(session: Session, row: OutboxEmail, now: datetime) -> AppointmentFacts | Skip:
    params = row.params or {}
    if row.appointment_id is None or "doctorId" not in params:
        raise PermanentFailure("appointment email without its payload")
    if row.kind == EmailKind.APPOINTMENT_REMINDER.value:
        why = reminder_still_due(session, row.appointment_id, params.get("start"), now)
        if why is not None:
            return Skip(why)
    doctor = _contact(session, int(params["doctorId"]))
    return AppointmentFacts(
        id=row.appointment_id,
        doctor_name=doctor.full_name,
        doctor_specialization=doctor.specialization,
        start=_instant(params["start"]),
        end=_instant(params["end"]),
        sequence=int(params["sequence"]),
        visit_type=params.get("visitType"),
        channel=params.get("channel"),
        address=params.get("address"),
        video_link=current_link(session, row.appointment_id),
    )


def _offer(
    session: Session, row: OutboxEmail, now: datetime
) -> tuple[AppointmentFacts, str] | Skip:
    """The offered time and the claim link of a waitlist offer; Skip once it is not open."""
    params = row.params or {}
    if not _claim_link or "offerId" not in params or "doctorId" not in params:
        raise PermanentFailure("waitlist offer without its payload")
    url = _claim_link[0](session, int(params["offerId"]), now)
    if url is None:
        return Skip("offer no longer open")
    doctor = _contact(session, int(params["doctorId"]))
    slot = AppointmentFacts(
        id=0,
        doctor_name=doctor.full_name,
        doctor_specialization=None,
        start=_instant(params["start"]),
        end=_instant(params["end"]),
        sequence=0,
    )
    return slot, url


def prepare(session: Session, row: OutboxEmail, now: datetime) -> Prepared | Skip:
    """Build the message of `row`, or say why it must not be sent.

    Raises `PermanentFailure` when it can never be sent (recipient gone, bad address).
    """
    kind = EmailKind(row.kind)
    recipient = _contact(session, row.recipient_id)
    appointment: AppointmentFacts | None = None
    if kind in APPOINTMENT_KINDS:
        found = _appointment(session, row, now)
        if isinstance(found, Skip):
            return found
        appointment = found
    claim_url = None
    if kind is EmailKind.WAITLIST_OFFER:
        offer = _offer(session, row, now)
        if isinstance(offer, Skip):
            return offer
        appointment, claim_url = offer
    if kind is EmailKind.ACCOUNT_INVITATION:
        if "invitationId" not in (row.params or {}):
            raise PermanentFailure("invitation without its payload")
        claim_url = account_claim_url(int((row.params or {})["invitationId"]), recipient.id)
    token = (row.params or {}).get("token")
    if kind in (EmailKind.PASSWORD_RESET, EmailKind.DEPENDENT_INVITED) and not token:
        raise PermanentFailure("link token no longer stored; the user must ask again")
    params = row.params or {}
    occurrences = _occurrences(appointment, params) if kind in SERIES_KINDS else ()
    sender_name = None
    if kind is EmailKind.MESSAGE_RECEIVED and recipient.is_doctor and "senderId" in params:
        writer = contact_of(session, int(params["senderId"]))
        sender_name = writer.full_name if writer is not None else None
    if kind in FAMILY_KINDS and "otherId" in params:  # the other side of a family grant
        other = contact_of(session, int(params["otherId"]))
        sender_name = other.full_name if other is not None else None
    config = current_app.config
    facts = EmailFacts(
        kind=kind,
        recipient_name=recipient.full_name,
        recipient_is_doctor=recipient.is_doctor,
        recipient_timezone=recipient.timezone,
        clinic_name=config["CLINIC_NAME"],
        public_url=config["PUBLIC_URL"],
        appointment=appointment,
        reset_token=token,
        recipient_username=recipient.username,
        cancellation_message=params.get("message") if kind in APPOINTMENT_KINDS else None,
        manage_url=(
            manage_url(appointment.id, appointment.sequence)
            if appointment is not None and kind in MANAGE_KINDS and not recipient.is_doctor
            else None
        ),
        thread_id=int(params["threadId"]) if "threadId" in params else None,
        sender_name=sender_name,
        message_count=int(params["count"]) if "count" in params else None,
        occurrences=occurrences,
        claim_url=claim_url,
        alternatives=_alternatives(params) if kind is EmailKind.APPOINTMENT_CANCELLED else (),
        doctor_id=int(params["doctorId"]) if appointment is not None else None,
    )
    try:
        to = parse_address(row.to_address or recipient.email, recipient.full_name)
        sender = parse_address(config["MAIL_FROM"], config["CLINIC_NAME"])
    except InvalidAddress as exc:
        raise PermanentFailure(str(exc)) from None
    invite = None
    if appointment is not None and kind in INVITE_METHODS:
        details = Invite(
            method=INVITE_METHODS[kind],
            status=STATUS_AFTER[kind],
            clinic_name=facts.clinic_name,
            organizer_address=sender.addr_spec,
            attendee_address=to.addr_spec,
            attendee_name=recipient.full_name,
            url=action_url(facts),
            public_url=facts.public_url,
            stamp=row.created_at,
        )
        events = occurrences or (appointment,)
        invite = (details.method, invitations(events, details))
    message = compose(
        render(facts),
        sender=sender,
        recipient=to,
        msg_id=message_id(row.id, row.idempotency_key, sender_domain(sender.addr_spec)),
        date=row.created_at,
        invite=invite,
    )
    return Prepared(message, sender.addr_spec, to.addr_spec, f"{row.id:08d}-{kind.value}")


def _occurrences(
    first: AppointmentFacts | None, params: dict[str, str]
) -> tuple[AppointmentFacts, ...]:
    """The occurrences of a series email (`appointments.emails.series`), each with the
    first one's doctor, type and place."""
    if first is None or "occurrences" not in params:
        raise PermanentFailure("series email without its occurrences")
    return tuple(
        replace(
            first,
            id=int(item["id"]),
            start=_instant(item["start"]),
            end=_instant(item["end"]),
            sequence=int(item["sequence"]),
        )
        for item in json.loads(params["occurrences"])
    )


def _alternatives(params: dict[str, str]) -> tuple[tuple[datetime, datetime], ...]:
    """Free times a cancellation offers instead (`appointments.emails.cancelled`)."""
    if "alternatives" not in params:
        return ()
    return tuple(
        (_instant(item["start"]), _instant(item["end"]))
        for item in json.loads(params["alternatives"])
    )
