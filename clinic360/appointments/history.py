"""The appointment's history: one `appointment_events` row per change, in its transaction.

Every change of an appointment passes here, so this is also where open screens are told
(a live event to the doctor's, the patient's and the clinic's topics: ids and the action
only, never the reason or a name) and where the doctor's cached free slots and
`nextAvailable` are made unused (`core.cache.bump`, in the same transaction)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinic360.appointments.models import Appointment, AppointmentEvent
from clinic360.core import cache
from clinic360.core.events import CLINIC_TOPIC, doctor_topic, emit, patient_topic

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
    cache.bump(session, appointment.doctor_id)
    emit(
        session,
        (doctor_topic(appointment.doctor_id), patient_topic(appointment.patient_id), CLINIC_TOPIC),
        "appointment",
        {
            "appointmentId": appointment.id,
            "doctorId": appointment.doctor_id,
            "action": action,
            "status": appointment.status,
        },
    )
