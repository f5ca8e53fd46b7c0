"""The emails of the appointments domain, written to the outbox in the caller's transaction.

Each email's payload is exactly what its template needs beyond the ids: the doctor (whose
name and specialization the worker looks up), the start, end and calendar sequence of
the appointment, its visit type's name and channel and the doctor's address as they stand
at this event, so the email describes this event even if the
appointment changes again before it goes out. Never the reason; a doctor's cancellation
message to the patient (not clinical content) goes into the patient's cancellation email.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import inspect
from sqlalchemy.orm import InstrumentedAttribute, Session

from clinic360.appointments.models import Appointment
from clinic360.outbox.enqueue import NewEmail, enqueue
from clinic360.outbox.models import Channel, EmailKind

PATIENT, DOCTOR = "patient", "doctor"
BOTH = (PATIENT, DOCTOR)


def visit_columns() -> tuple[InstrumentedAttribute[Any], ...]:
    """The columns of an appointment its emails read: select or return these for a `Visit`."""
    return (
        Appointment.id,
        Appointment.patient_id,
        Appointment.doctor_id,
        Appointment.start_time,
        Appointment.end_time,
        Appointment.sequence,
    )


class Visit(Protocol):
    """What an email needs of an appointment (an `Appointment` or a row of its columns)."""

    @property
    def id(self) -> int: ...
    @property
    def patient_id(self) -> int: ...
    @property
    def doctor_id(self) -> int: ...
    @property
    def start_time(self) -> datetime: ...
    @property
    def end_time(self) -> datetime: ...
    @property
    def sequence(self) -> int: ...


def payload(visit: Visit) -> dict[str, str]:
    """The params of an appointment email (read by `notifications/rendering.py`)."""
    return {
        "doctorId": str(visit.doctor_id),
        "start": visit.start_time.astimezone(UTC).isoformat(),
        "end": visit.end_time.astimezone(UTC).isoformat(),
        "sequence": str(visit.sequence),
        **_place(visit),
    }


def _place(visit: Visit) -> dict[str, str]:
    """The visit type's name and channel and the doctor's address, as they are at this event,
    when `visit` is an appointment loaded with them (booking, changes); rows (reminders,
    cancellations of a suspended doctor) carry none."""
    if not isinstance(visit, Appointment):
        return {}
    unloaded = inspect(visit).unloaded
    if "visit_type" in unloaded or "doctor" in unloaded or visit.visit_type is None:
        return {}
    place = {"visitType": visit.visit_type.name, "channel": visit.visit_type.channel}
    if visit.doctor.address:
        place["address"] = visit.doctor.address
    return place


def email(kind: EmailKind, visit: Visit, event: str, role: str) -> NewEmail:
    """One appointment email to `role`; `event` names the change in the idempotency key."""
    return NewEmail(
        kind=kind,
        recipient_id=visit.patient_id if role == PATIENT else visit.doctor_id,
        idempotency_key=f"appointment:{visit.id}:{event}:{role}",
        appointment_id=visit.id,
        params=payload(visit),
    )


def _queue(
    session: Session, kind: EmailKind, visit: Visit, event: str, roles: Iterable[str]
) -> None:
    for role in roles:
        enqueue(session, email(kind, visit, event, role))


def booked(session: Session, visit: Visit, roles: Iterable[str] = BOTH) -> None:
    """To `roles` (patient and doctor; the patient alone when the doctor booked it), with a
    calendar invitation."""
    _queue(session, EmailKind.APPOINTMENT_BOOKED, visit, "booked", roles)


def confirmed(session: Session, visit: Visit) -> None:
    """To the patient. A rescheduled appointment may be confirmed again: the sequence tells
    those confirmations apart."""
    _queue(
        session, EmailKind.APPOINTMENT_CONFIRMED, visit, f"confirmed:{visit.sequence}", (PATIENT,)
    )


def requested(session: Session, visit: Visit) -> None:
    """A booking waiting for the doctor (NO_SHOW_POLICY=confirm): to patient and doctor."""
    _queue(session, EmailKind.APPOINTMENT_REQUESTED, visit, "requested", BOTH)


def accepted(session: Session, visit: Visit) -> None:
    """The doctor accepted a requested booking: to the patient, with the invitation."""
    _queue(session, EmailKind.APPOINTMENT_ACCEPTED, visit, f"accepted:{visit.sequence}", (PATIENT,))


def declined(session: Session, visit: Visit, *, message: str | None = None) -> None:
    """The doctor declined a requested booking: to the patient (with the doctor's words)."""
    queued = email(EmailKind.APPOINTMENT_DECLINED, visit, "declined", PATIENT)
    if message:
        queued = replace(queued, params={**(queued.params or {}), "message": message})
    enqueue(session, queued)


def rescheduled(session: Session, visit: Visit) -> None:
    """To patient and doctor, with the updated invitation."""
    _queue(session, EmailKind.APPOINTMENT_RESCHEDULED, visit, f"rescheduled:{visit.sequence}", BOTH)


def cancelled(
    session: Session,
    visit: Visit,
    roles: Iterable[str] = BOTH,
    *,
    message: str | None = None,
    alternatives: Sequence[tuple[datetime, datetime]] = (),
) -> None:
    """To `roles`, with a calendar cancellation (cancelling is final: the key stays plain).

    `message`, the doctor's words to the patient, and `alternatives`, free times of the
    same doctor and type to pick instead (start and end instants only, as JSON), go into
    the patient's email only.
    """
    for role in roles:
        queued = email(EmailKind.APPOINTMENT_CANCELLED, visit, "cancelled", role)
        extra: dict[str, str] = {}
        if message and role == PATIENT:
            extra["message"] = message
        if alternatives and role == PATIENT:
            extra["alternatives"] = json.dumps(
                [
                    {
                        "start": start.astimezone(UTC).isoformat(),
                        "end": end.astimezone(UTC).isoformat(),
                    }
                    for start, end in alternatives
                ]
            )
        if extra:
            queued = replace(queued, params={**(queued.params or {}), **extra})
        enqueue(session, queued)


def reminder(visit: Visit, role: str, step: str) -> NewEmail:
    """The reminder of `step` (e.g. `24h`) to `role`; its key names the step and the start,
    so each step goes once per start time and a moved appointment gets new ones."""
    start = visit.start_time.astimezone(UTC).isoformat()
    return email(EmailKind.APPOINTMENT_REMINDER, visit, f"reminder:{step}:{start}", role)


def series(
    session: Session, kind: EmailKind, series_id: int, visits: Sequence[Visit], role: str
) -> None:
    """One email to `role` for several occurrences of a series (booked or cancelled): the
    first one's payload (`payload`) plus `occurrences`, every occurrence's id, start, end
    and sequence (JSON), so the email lists each date and its invitation holds each event."""
    if not visits:
        return
    first = visits[0]
    event = "booked" if kind is EmailKind.SERIES_BOOKED else f"cancelled:{first.id}"
    occurrences = [
        {
            "id": visit.id,
            "start": visit.start_time.astimezone(UTC).isoformat(),
            "end": visit.end_time.astimezone(UTC).isoformat(),
            "sequence": visit.sequence,
        }
        for visit in visits
    ]
    enqueue(
        session,
        NewEmail(
            kind=kind,
            recipient_id=first.patient_id if role == PATIENT else first.doctor_id,
            idempotency_key=f"series:{series_id}:{event}:{role}",
            appointment_id=first.id,
            params={**payload(first), "occurrences": json.dumps(occurrences)},
        ),
    )


def reminder_sms(visit: Visit, step: str) -> NewEmail:
    """The text-message twin of the patient's reminder of `step` (own key, same payload)."""
    queued = reminder(visit, PATIENT, step)
    return replace(queued, idempotency_key=f"{queued.idempotency_key}:sms", channel=Channel.SMS)
