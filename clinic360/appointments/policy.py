"""May the patient still cancel or move an appointment themselves? One rule, every path.

Today the patient may until the visit starts. The visit types (notice windows per type)
extend `patient_change_deadline`; the signed-in path (`transitions.py`) and the email link
(`manage.py`) both ask `ensure_patient_may_change`, and the link page shows the result.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from clinic360.appointments.errors import CancellationWindowPassed
from clinic360.appointments.models import Appointment

DEFAULT_CONTACT_LINE = "Please contact the clinic."


def patient_change_deadline(appointment: Appointment) -> datetime:
    """Until when (exclusive) the patient may cancel or move `appointment` online."""
    return appointment.start_time


def patient_may_change(appointment: Appointment, now: datetime) -> bool:
    return now < patient_change_deadline(appointment)


def contact_line() -> str:
    """How to reach the clinic instead (CLINIC_CONTACT_LINE)."""
    line: str = current_app.config["CLINIC_CONTACT_LINE"].strip()
    return line or DEFAULT_CONTACT_LINE


def ensure_patient_may_change(appointment: Appointment, now: datetime) -> None:
    """Raise `CancellationWindowPassed` (with the contact line) once the deadline passed."""
    if not patient_may_change(appointment, now):
        raise CancellationWindowPassed(contact_line())
