"""Who may listen to which live-event topic: the one rule.

A patient hears about their own appointments (`patient:<id>`), a doctor about their own
calendar (`doctor:<id>`), an admin and a receptionist (the front desk's day list) about the
whole clinic (`clinic`); a manager hears nothing live (reports are read on demand). Events
carry no names or clinical words (core/events.py), and a screen refetches through the API's
own rules.
"""

from __future__ import annotations

from clinic360.accounts.models import Role, User
from clinic360.core.events import CLINIC_TOPIC, doctor_topic, patient_topic


def topics_for(user: User) -> list[str]:
    """The topics `user` may listen to."""
    if user.role == Role.PATIENT:
        return [patient_topic(user.id)]
    if user.role == Role.DOCTOR:
        return [doctor_topic(user.id)]
    if user.role in (Role.ADMIN, Role.RECEPTIONIST):
        return [CLINIC_TOPIC]
    return []
