"""Users, appointments and outbox rows written straight through the ORM.

The appointments API is built elsewhere; these tests exercise the outbox contract that
every domain uses: rows queued with the payloads of `appointments/emails.py` inside the
caller's transaction.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from clinic360.accounts.models import User
from clinic360.appointments import emails
from clinic360.appointments.models import Appointment
from clinic360.core.db import transaction
from clinic360.outbox.enqueue import enqueue, enqueue_email
from clinic360.outbox.models import EmailKind
from tests.factories import ensure_specialization

CANARY_REASON = "CANARY-REASON-chest-pain-7f3a9"
_ids = itertools.count(1)


def make_user(role: str = "patient", **fields: str) -> User:
    n = next(_ids)
    values = {
        "username": f"{role}{n}",
        "email": f"{role}{n}@example.org",
        "full_name": f"{role.title()} Number{n}",
        "timezone": "UTC",
        **fields,
    }
    specialization_id = None
    if role == "doctor":
        specialization_id = ensure_specialization(current_app._get_current_object(), "Cardiology")  # type: ignore[attr-defined]
    with transaction() as session:
        user = User(role=role, password_hash="not-a-real-hash", **values)
        user.specialization_id = specialization_id
        session.add(user)
    return user


@dataclass(frozen=True)
class Booking:
    appointment_id: int
    patient: User
    doctor: User
    start: datetime


def book(
    start: datetime,
    *,
    patient: User | None = None,
    doctor: User | None = None,
    minutes: int = 30,
    reason: str = CANARY_REASON,
) -> Booking:
    """An appointment and its two 'booked' emails, in one transaction (as the service does)."""
    patient = patient or make_user("patient")
    doctor = doctor or make_user("doctor", full_name=f"Dr Ada Lovelace{next(_ids)}")
    with transaction() as session:
        appointment = Appointment(
            patient_id=patient.id,
            doctor_id=doctor.id,
            start_time=start,
            end_time=start + timedelta(minutes=minutes),
            reason=reason,
        )
        session.add(appointment)
        session.flush()
        emails.booked(session, appointment)
    return Booking(appointment.id, patient, doctor, start)


def change(booking: Booking, kind: EmailKind, **values: object) -> None:
    """Update the appointment (bumping its sequence) and queue `kind` for both people."""
    with transaction() as session:
        appointment = session.get(Appointment, booking.appointment_id, populate_existing=True)
        assert appointment is not None
        for name, value in values.items():
            setattr(appointment, name, value)
        appointment.sequence += 1
        session.flush()
        for role in emails.BOTH:
            enqueue(
                session,
                emails.email(kind, appointment, f"{kind.value}:{appointment.sequence}", role),
            )


def move(booking: Booking, start: datetime, minutes: int = 30) -> None:
    """Reschedule: new times, a higher sequence, a 'rescheduled' email to both."""
    end = start + timedelta(minutes=minutes)
    change(booking, EmailKind.APPOINTMENT_RESCHEDULED, start_time=start, end_time=end)


def queue_account_email(user: User, kind: EmailKind, **params: str) -> None:
    with transaction() as session:
        enqueue_email(
            session,
            kind=kind,
            recipient_id=user.id,
            idempotency_key=f"{kind.value}:{user.id}:{next(_ids)}",
            params=params or None,
        )
