"""May the patient still cancel or move an appointment themselves? One rule, every path.

The deadline is the visit's start minus its type's cancellation notice (to cancel) or
reschedule notice (to move), read through the schedules service (`change_notice`). The
signed-in patient (`transitions.change`), the email link's actions (`manage.py`) and the
link page's buttons (`mayCancel`, `mayReschedule`) all ask this module. Doctors are never
bound by it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from flask import current_app
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from clinic360.appointments.errors import CancellationWindowPassed, RescheduleWindowPassed
from clinic360.appointments.models import Appointment
from clinic360.core.schemas import format_instant
from clinic360.schedules.visit_types import change_notice

DEFAULT_CONTACT_LINE = "Please contact the clinic."

Change = Literal["cancel", "reschedule"]


def _rule(session: Session, appointment: Appointment, change: Change) -> tuple[int, datetime]:
    """The rule: the type's notice hours for `change`, and the deadline they give."""
    notice = change_notice(session, appointment.doctor_id, appointment.visit_type_id)
    hours = notice.cancel_hours if change == "cancel" else notice.reschedule_hours
    return hours, appointment.start_time - timedelta(hours=hours)


def patient_change_deadline(session: Session, appointment: Appointment, change: Change) -> datetime:
    """Until when (exclusive) the patient may `change` (cancel or move) `appointment` online."""
    return _rule(session, appointment, change)[1]


def patient_may(session: Session, appointment: Appointment, change: Change, now: datetime) -> bool:
    return now < patient_change_deadline(session, appointment, change)


def contact_line() -> str:
    """How to reach the clinic instead (CLINIC_CONTACT_LINE)."""
    line: str = current_app.config["CLINIC_CONTACT_LINE"].strip()
    return line or DEFAULT_CONTACT_LINE


def ensure_patient_may(
    session: Session, appointment: Appointment, change: Change, now: datetime
) -> None:
    """Raise `CancellationWindowPassed` / `RescheduleWindowPassed` (with the contact line)
    once the patient's deadline for `change` passed."""
    hours, deadline = _rule(session, appointment, change)
    if now < deadline:
        return
    error = CancellationWindowPassed if change == "cancel" else RescheduleWindowPassed
    raise error(hours, contact_line(), format_instant(deadline))


def cancelled_late(
    notice_seconds_left: ColumnElement[float], cancel_notice_hours: ColumnElement[int]
) -> ColumnElement[bool]:
    """The same rule in SQL, for reports: a cancellation is late when it happened at or
    after the patient's deadline (`patient_change_deadline`), that is with less than the
    type's cancellation notice left before the start (`notice_seconds_left`, start minus
    the moment of the cancellation). Whoever cancelled: inside the window only staff or
    the doctor could, which is what a manager wants to see."""
    return notice_seconds_left < cancel_notice_hours * 3600
