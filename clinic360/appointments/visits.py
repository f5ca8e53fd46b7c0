"""An appointment's facts for the domains above (the records' intake questionnaires), so
they never read the appointments table: who, with whom, which type, status, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.appointments import manage
from clinic360.appointments.models import ACTIVE_STATUSES, Appointment
from clinic360.appointments.reading import with_parties


@dataclass(frozen=True)
class Visit:
    id: int
    patient: User
    doctor_id: int
    visit_type_id: int | None
    """None: recorded without a type (the doctor's default type applies)."""
    status: str
    start_time: datetime

    @property
    def patient_id(self) -> int:
        return self.patient.id

    def is_upcoming(self, now: datetime) -> bool:
        """Still going to happen: an active status and not started yet."""
        return self.status in ACTIVE_STATUSES and self.start_time > now


def _visit(appointment: Appointment) -> Visit:
    return Visit(
        id=appointment.id,
        patient=appointment.patient,
        doctor_id=appointment.doctor_id,
        visit_type_id=appointment.visit_type_id,
        status=appointment.status,
        start_time=appointment.start_time,
    )


def visit_of(session: Session, appointment_id: int) -> Visit | None:
    """The appointment `appointment_id`, whoever's it is (the caller authorises)."""
    found = session.scalar(
        with_parties(select(Appointment)).where(Appointment.id == appointment_id)
    )
    return None if found is None else _visit(found)


def visit_of_link(session: Session, token: str, now: datetime) -> Visit:
    """The appointment of a manage link (the link page's rules: NotFound for a link that is
    not genuine or whose visit started, LinkChanged for an older version)."""
    return _visit(manage.appointment_of_link(session, token, now))


count_link_request = manage.count_link_request
