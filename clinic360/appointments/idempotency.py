"""Idempotent booking: a repeated POST /api/appointments with the same `Idempotency-Key`.

A double click on "Confirm booking" sends the same request twice; the second must get the
first answer, not 409 `slot_taken` for the patient's own booking. The key, a digest of the
request and the appointment are stored in the booking's transaction (`booking_keys`,
unique per user and key). Both functions run inside the caller's transaction, after the
patient's row lock, so two concurrent repeats are serialised and the second finds the row.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from clinic360.appointments.errors import IdempotencyKeyReused
from clinic360.appointments.models import BookingKey
from clinic360.appointments.schemas import AppointmentCreate
from clinic360.core.clock import utcnow


def request_digest(data: AppointmentCreate) -> str:
    """SHA-256 of the booking request as validated (the same body gives the same digest)."""
    body = data.model_dump(mode="json")
    if body["visit_type_id"] is None:  # digests stored before visit types stay valid
        del body["visit_type_id"]
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def earlier_booking(session: Session, user_id: int, key: str, digest: str) -> int | None:
    """The appointment id a request with this key booked within the window, or None.

    A key older than IDEMPOTENCY_KEY_HOURS is forgotten (deleted) and may be used again;
    a key of the window sent with a different request → `IdempotencyKeyReused` (422).
    """
    row = session.scalar(
        select(BookingKey).where(BookingKey.user_id == user_id, BookingKey.key == key)
    )
    if row is None:
        return None
    window = timedelta(hours=current_app.config["IDEMPOTENCY_KEY_HOURS"])
    if row.created_at <= utcnow() - window:
        session.execute(delete(BookingKey).where(BookingKey.id == row.id))
        return None
    if row.request_digest != digest:
        raise IdempotencyKeyReused()
    return row.appointment_id


def remember(session: Session, user_id: int, key: str, digest: str, appointment_id: int) -> None:
    session.add(
        BookingKey(user_id=user_id, key=key, request_digest=digest, appointment_id=appointment_id)
    )
