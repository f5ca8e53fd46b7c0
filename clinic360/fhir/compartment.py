"""Whose data a bearer token reaches under `/fhir/R4`, decided by the web app's rules.

A user's token reaches what the user reaches in the web app, never more: a patient
themselves and the patients they act for (`accounts.family.acted_for`, the one family
rule), an active doctor the patients in their care (`appointments.queries.in_care_of`, the
one care rule) and their own appointments; anyone else nothing. A system token (client
credentials, `system/` scopes) reaches every patient its scopes name. Its access-log rows
name the patient as actor and the app (`audit.AccessEvent.app`): no user stands behind it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from clinic360.accounts.family import Capability, acted_for
from clinic360.accounts.models import Role, User
from clinic360.appointments.models import Appointment
from clinic360.appointments.queries import in_care_of
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.oauth.bearer import Access


def patients_reached(
    access: Access, column: InstrumentedAttribute[int], capability: Capability
) -> ColumnElement[bool]:
    """A condition on a patient id `column`: the patients the token reaches."""
    user = access.user
    if user is None:
        return true()
    if user.role == Role.PATIENT.value:
        return column.in_(acted_for(user.id, capability))
    if user.is_active_doctor:
        return column.in_(select(Appointment.patient_id).where(*in_care_of(user.id)))
    return false()


def appointments_reached(access: Access) -> ColumnElement[bool]:
    """A condition on appointments: those of reached patients (patients, system) or, for a
    doctor, their own."""
    user = access.user
    if user is not None and user.role == Role.DOCTOR.value:
        return Appointment.doctor_id == user.id if user.is_active_doctor else false()
    return patients_reached(access, Appointment.patient_id, Capability.APPOINTMENTS)


def audit(
    session: Session,
    access: Access,
    action: AuditAction,
    patients: list[User],
    record_id: int | None = None,
) -> None:
    """One access-log row per patient, naming the app (the request's bearer access)."""
    if access.user is not None:
        record_access(session, access.user, action, [p.id for p in patients], record_id)
        return
    for patient in {p.id: p for p in patients}.values():
        record_access(session, patient, action, [patient.id], record_id)
