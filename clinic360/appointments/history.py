"""The appointment's history: one `appointment_events` row per change, in its transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinic360.appointments.models import Appointment, AppointmentEvent

APP, EMAIL_LINK = "app", "email_link"


def record(
    session: Session,
    appointment: Appointment,
    actor_id: int,
    action: str,
    *,
    via: str = APP,
    note: str | None = None,
) -> None:
    """Add what `actor_id` did (`booked`, `cancelled`, `rescheduled`, `confirmed`,
    `attendance_confirmed`, …) to the appointment's history. `note` (the patient's words
    when cancelling through a link) is kept here only: never logged or emailed."""
    session.add(
        AppointmentEvent(
            appointment_id=appointment.id,
            actor_id=actor_id,
            action=action,
            via=via,
            sequence=appointment.sequence,
            note=note,
        )
    )
