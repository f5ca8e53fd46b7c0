"""Video visits: each appointment of a video visit type gets its own room.

The room name is 128 random bits from `secrets` (`clinic360-<22 url-safe characters>`),
made at booking and stored on the appointment (`video_room`, unique). The link is
VIDEO_BASE_URL followed by the room; only the appointment's patient and doctor get it (their
appointment answers, calendar files and emails, and the patient's email-link page). A
reschedule keeps the room; a cancellation retires it (the column is cleared, no link is
shown again). Room names and links are never logged.
"""

from __future__ import annotations

import secrets

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.appointments.models import ACTIVE_STATUSES, Appointment
from clinic360.schedules.models import VisitType

ROOM_BYTES = 16  # 128 bits
PREFIX = "clinic360-"


def new_room(visit_type: VisitType) -> str | None:
    """A fresh room for an appointment of `visit_type`; None for in-person types."""
    if visit_type.channel != "video":
        return None
    return PREFIX + secrets.token_urlsafe(ROOM_BYTES)


def link(room: str | None) -> str | None:
    """The room's address on VIDEO_BASE_URL (None without a room)."""
    if not room:
        return None
    base: str = current_app.config["VIDEO_BASE_URL"]
    return base + room


def link_of(appointment: Appointment) -> str | None:
    """The video link of an appointment that is still going to happen (else None)."""
    if appointment.status not in ACTIVE_STATUSES:
        return None
    return link(appointment.video_room)


def current_link(session: Session, appointment_id: int) -> str | None:
    """The video link of an appointment as it is now: what an email sent later shows (a
    cancelled visit has none). For `notifications`."""
    room = session.scalar(
        select(Appointment.video_room).where(
            Appointment.id == appointment_id, Appointment.status.in_(ACTIVE_STATUSES)
        )
    )
    return link(room)
