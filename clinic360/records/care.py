"""Who may see a patient's data: the one rule every record and patient endpoint calls.

A patient sees their own data, and the data of the patients they act for with the records
capability (a guardian's dependents, a proxy's grantors: `accounts.family`, the one family
rule, asked here on every request). A doctor sees a patient's clinical content while they are an
active (approved, not suspended) doctor AND the patient is in their care: at least one
non-cancelled appointment together. That care rule is written once, below this layer, in
`appointments.queries.in_care_of` (answered by `patients_in_care` for many patients in one
query and `has_care_relationship` for one); this module applies it to records and patient
pages, `appointments.reasons` applies the same function to appointment reasons. Nothing is
cached: both facts are read from the database inside the caller's transaction, so cancelling
the last appointment (or suspending the doctor) ends access with the very next request.
Admins see no PHI.

Denials, decided once here:
- 403 `forbidden` / `doctor_not_approved`: the caller's role or account state rules out the
  whole endpoint, whatever the id (says nothing about any patient).
- 404 `not_found`: this patient (or record) is not visible to the caller. Exactly the body of
  a patient or record that does not exist, so ids are no existence oracle.
"""

from __future__ import annotations

import logging
from typing import NoReturn

from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, ensure_may_act_for
from clinic360.accounts.models import Role, User
from clinic360.appointments.queries import has_care_relationship
from clinic360.core.errors import Forbidden, NotFound
from clinic360.records.errors import DoctorNotApproved

log = logging.getLogger("clinic360.records")


def ensure_active_doctor(user: User) -> None:
    """Raise Forbidden unless `user` is a doctor, DoctorNotApproved unless an active one."""
    if user.role != Role.DOCTOR.value:
        raise Forbidden()
    if not user.is_active_doctor:  # read fresh from the users row each request
        raise DoctorNotApproved()


def ensure_may_read_patient(session: Session, user: User, patient_id: int) -> User:
    """The patient whose data `user` may read now; the single care-relationship check.

    Raises Forbidden (admin), DoctorNotApproved (pending or suspended doctor) or NotFound
    (another patient; a doctor without a current care relationship; no such patient); for a
    guardian or proxy the family errors (`accounts.family.ensure_may_act_for`).
    """
    if user.role == Role.PATIENT.value:
        if user.id == patient_id:
            return user
        return ensure_may_act_for(session, user, patient_id, Capability.RECORDS)
    ensure_active_doctor(user)
    patient = session.get(User, patient_id)
    if (
        patient is None
        or patient.role != Role.PATIENT.value
        or not has_care_relationship(session, doctor_id=user.id, patient_id=patient_id)
    ):
        _denied(user, patient_id)
    return patient


def _denied(user: User, patient_id: int) -> NoReturn:
    log.warning(
        "patient data access denied",
        extra={"actor_id": user.id, "actor_role": user.role, "patient_id": patient_id},
    )
    raise NotFound()
