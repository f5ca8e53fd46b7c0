"""Who may read and write which thread: the care rule of `appointments.queries`, applied to
messages the way `records.care` applies it to records.

- A patient reads their own threads, always (their own data, also after their care with
  the doctor ended). They write (start a thread, reply) only to an active doctor who
  accepts messages, has not blocked them, and in whose care they are now
  (`has_care_relationship`: a non-cancelled appointment together).
- A doctor reads and writes in a thread while they are an active doctor and its patient is
  in their care now. When the care ends (every appointment together cancelled) the doctor
  loses the thread, as they lose the patient's records; a new appointment brings it back.
- A guardian or proxy with the messages capability (`accounts.family`, asked on every
  request) reads and writes in the threads of the patient they act for, as that patient
  would; their messages are their own (`senderId`), the thread stays the patient's.
- Admins have no messages.

Denials, decided once here (consistent with `records.care`):
- 403 `forbidden` / `doctor_not_approved`: the role or account state rules out the whole
  endpoint, whatever the id.
- 404 `not_found`: a thread or message the caller may not see, exactly like one that does
  not exist (no existence oracle for ids).
- 403 `messaging_not_allowed` / `messaging_blocked`: a patient may not write to this doctor.
  The doctor is public (the directory) and the care relationship is the patient's own fact,
  so saying so reveals nothing; the patient needs to know why.
"""

from __future__ import annotations

import logging
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, may_act_for
from clinic360.accounts.models import Role, User
from clinic360.appointments.queries import has_care_relationship, patient_appointments
from clinic360.core.errors import NotFound
from clinic360.messaging.errors import MessagingBlocked, MessagingNotAllowed
from clinic360.messaging.models import MessageBlock, MessageThread
from clinic360.records.care import ensure_active_doctor

log = logging.getLogger("clinic360.messaging")


def ensure_messaging_user(user: User) -> None:
    """Patients and active doctors use messages: Forbidden (admin) or DoctorNotApproved."""
    if user.role != Role.PATIENT.value:
        ensure_active_doctor(user)


def visible_thread(
    session: Session, user: User, thread_id: int, *, lock: bool = False
) -> MessageThread:
    """The thread if `user` may read it now (see the module docstring); NotFound otherwise.

    `lock` takes the thread's row lock (writes in one thread are serialised)."""
    query = select(MessageThread).where(MessageThread.id == thread_id)
    if lock:
        query = query.with_for_update()
    thread = session.scalar(query)
    if thread is not None and may_read(session, user, thread):
        return thread
    _denied(user, thread_id)


def may_read(session: Session, user: User, thread: MessageThread) -> bool:
    if user.role == Role.PATIENT.value:  # theirs, or a patient's they act for
        return may_act_for(session, user, thread.patient_id, Capability.MESSAGES)
    return (
        user.role == Role.DOCTOR.value
        and user.is_active_doctor
        and thread.doctor_id == user.id
        and has_care_relationship(session, doctor_id=user.id, patient_id=thread.patient_id)
    )


def ensure_patient_may_write(session: Session, patient: User, doctor_id: int) -> User:
    """The doctor `patient` may write to now; MessagingNotAllowed or MessagingBlocked."""
    doctor = session.get(User, doctor_id)
    if (
        doctor is None
        or not doctor.is_active_doctor
        or not doctor.accepts_messages
        or not has_care_relationship(session, doctor_id=doctor_id, patient_id=patient.id)
    ):
        raise MessagingNotAllowed()
    block = session.get(MessageBlock, (doctor_id, patient.id))
    if block is not None:
        raise MessagingBlocked(block.reason)
    return doctor


def doctors_to_write_to(session: Session, patient: User) -> list[tuple[User, str | None]]:
    """The active doctors accepting messages in whose care `patient` is, by name, each with
    the reason of their block of the patient (None: not blocked)."""
    doctor_ids = {a.doctor_id for a in patient_appointments(session, patient.id)}
    if not doctor_ids:
        return []
    doctors = session.scalars(
        select(User)
        .where(User.id.in_(doctor_ids), User.is_active_doctor, User.accepts_messages.is_(True))
        .order_by(User.full_name, User.id)
    ).all()
    blocks = dict(
        session.execute(
            select(MessageBlock.doctor_id, MessageBlock.reason).where(
                MessageBlock.patient_id == patient.id, MessageBlock.doctor_id.in_(doctor_ids)
            )
        ).all()
    )
    return [
        (doctor, blocks.get(doctor.id))
        for doctor in doctors
        if has_care_relationship(session, doctor_id=doctor.id, patient_id=patient.id)
    ]


def _denied(user: User, thread_id: int) -> NoReturn:
    log.warning(
        "message thread access denied",
        extra={"actor_id": user.id, "actor_role": user.role, "thread_id": thread_id},
    )
    raise NotFound()
