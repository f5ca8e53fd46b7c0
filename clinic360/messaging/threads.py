"""Threads: start one (patients), list them, read one, close one (doctors), count unread.

Each public function owns one transaction. Who may do what is `access`; every read of a
thread and every write is in the patient's access log in the same transaction (fail closed:
no audit row, no message).
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, acted_for, ensure_may_act_for
from clinic360.accounts.models import Role, User
from clinic360.appointments.queries import patients_in_care
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.messaging import emails, live, writing
from clinic360.messaging.access import (
    doctors_to_write_to,
    ensure_messaging_user,
    ensure_patient_may_write,
    visible_thread,
)
from clinic360.messaging.models import Message, MessageBlock, MessageThread, ThreadStatus
from clinic360.messaging.present import (
    attachments_of,
    block_out,
    message_out,
    people_of,
    thread_out,
    unread_by_thread,
    unread_for,
)
from clinic360.messaging.schemas import (
    MessagingDoctor,
    ThreadCreate,
    ThreadDetail,
    ThreadOut,
)
from clinic360.records.documents import Upload


def start_thread(sender: User, data: ThreadCreate, upload: Upload | None = None) -> ThreadDetail:
    """A new thread from `sender` to a doctor about `patientId` (default: the sender; or a
    patient they act for with the messages capability, `accounts.family`), its first
    message, with `upload` attached (a document of the patient's record, as a reply's file:
    `writing.attach_file`), and the clinic's automatic reply (response time, not for
    emergencies); the doctor is told by email (never of the file's name).

    Raises ValidationFailed (body), RateLimited, MessagingNotAllowed, MessagingBlocked,
    the family errors (`ensure_may_act_for`), and the upload's 413 `file_too_large` / 422
    `empty_file`, `unsupported_file_type`, `document_limit_reached`: then nothing is
    written, no thread either.
    """
    body = writing.clean_body(data.body)
    writing.count_sent(sender)
    with transaction() as session:
        patient = sender
        if data.patient_id is not None and data.patient_id != sender.id:
            patient = ensure_may_act_for(session, sender, data.patient_id, Capability.MESSAGES)
        doctor = ensure_patient_may_write(session, patient, data.doctor_id)
        now = utcnow()
        thread = MessageThread(
            patient_id=patient.id,
            doctor_id=doctor.id,
            subject=data.subject,
            status=ThreadStatus.OPEN.value,
            created_at=now,
            last_message_at=now,
        )
        session.add(thread)
        session.flush()
        first = Message(thread_id=thread.id, sender_id=sender.id, body=body, created_at=now)
        reply = Message(
            thread_id=thread.id, sender_id=None, body=_auto_reply(doctor), created_at=now,
            read_at=now,
        )  # fmt: skip
        session.add_all([first, reply])
        session.flush()
        if upload is not None:
            writing.attach_file(session, sender, thread, first, upload)
        emails.new_message(session, thread, first)
        live.announce(session, thread, first)
        record_access(session, sender, AuditAction.MESSAGE_WRITE, [patient.id])
        return _detail(session, thread, sender, [first, reply])


def _auto_reply(doctor: User) -> str:
    config = current_app.config
    return (
        f"Thank you for your message. {doctor.full_name} usually answers "
        f"{config['MESSAGE_RESPONSE_TIME_TEXT']}. Messages are not for emergencies — "
        f"in an emergency, call {config['CLINIC_EMERGENCY_LINE']}."
    )


def list_threads(user: User, limit: int, offset: int) -> tuple[list[ThreadOut], int]:
    """The caller's threads, latest message first, with their unread counts, and the total.

    A doctor's list holds only threads of patients in their care now. Raises Forbidden,
    DoctorNotApproved.
    """
    ensure_messaging_user(user)
    with transaction() as session:
        mine = _threads_of(session, user)
        total = session.scalar(select(func.count()).select_from(mine.subquery()))
        threads = session.scalars(
            mine.order_by(MessageThread.last_message_at.desc(), MessageThread.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        unread = unread_by_thread(session, user, [t.id for t in threads])
        people = people_of(session, threads)
        record_access(
            session,
            user,
            AuditAction.MESSAGE_LIST_THREADS,
            sorted({t.patient_id for t in threads}),
        )
        return [thread_out(t, people, unread.get(t.id, 0)) for t in threads], total or 0


def read_thread(user: User, thread_id: int) -> ThreadDetail:
    """The thread with its messages, oldest first; the other side's messages are marked
    read now. Raises Forbidden, DoctorNotApproved, NotFound (not visible, see `access`)."""
    ensure_messaging_user(user)
    with transaction() as session:
        thread = visible_thread(session, user, thread_id)
        now = utcnow()
        session.execute(
            update(Message)
            .where(Message.thread_id == thread.id, *unread_for(user))
            .values(read_at=now)
        )
        record_access(session, user, AuditAction.MESSAGE_READ_THREAD, [thread.patient_id])
        messages = session.scalars(
            select(Message)
            .where(Message.thread_id == thread.id)
            .order_by(Message.created_at, Message.id)
            .execution_options(populate_existing=True)
        ).all()
        return _detail(session, thread, user, list(messages))


def close_thread(doctor: User, thread_id: int) -> None:
    """Close a thread of the doctor's (no-op when closed): the patient can no longer write
    in it; the doctor's next message reopens it. Raises DoctorNotApproved, NotFound."""
    ensure_messaging_user(doctor)
    with transaction() as session:
        thread = visible_thread(session, doctor, thread_id, lock=True)
        if thread.status != ThreadStatus.CLOSED.value:
            thread.status = ThreadStatus.CLOSED.value
            thread.closed_at = utcnow()


def unread_count(user: User) -> int:
    """Messages of the other side the caller has not read, over the threads they may read
    now (a doctor: of patients in their care). Raises Forbidden, DoctorNotApproved."""
    ensure_messaging_user(user)
    with transaction(write=False) as session:
        rows = session.execute(
            select(MessageThread.patient_id, func.count())
            .join(Message, Message.thread_id == MessageThread.id)
            .where(_party(user), *unread_for(user))
            .group_by(MessageThread.patient_id)
        ).all()
        counts = {patient_id: int(count) for patient_id, count in rows}
        if user.role == Role.DOCTOR.value:
            in_care = patients_in_care(session, user.id, counts)
            counts = {p: n for p, n in counts.items() if p in in_care}
        return sum(counts.values())


def doctors_for(user: User, patient_id: int | None = None) -> list[MessagingDoctor]:
    """The doctors `user` may start a thread with about themselves or `patient_id` (a
    patient they act for with the messages capability); blocked ones say why."""
    with transaction(write=False) as session:
        patient = user
        if patient_id is not None and patient_id != user.id:
            patient = ensure_may_act_for(session, user, patient_id, Capability.MESSAGES)
        return [
            MessagingDoctor(
                id=doctor.id,
                full_name=doctor.full_name,
                specialization=doctor.specialization,
                blocked_reason=reason,
            )
            for doctor, reason in doctors_to_write_to(session, patient)
        ]


def _party(user: User) -> ColumnElement[bool]:
    if user.role == Role.PATIENT.value:  # theirs and those of patients they act for
        return MessageThread.patient_id.in_(acted_for(user.id, Capability.MESSAGES))
    return MessageThread.doctor_id == user.id


def _threads_of(session: Session, user: User) -> Select[MessageThread]:
    query = select(MessageThread).where(_party(user))
    if user.role == Role.DOCTOR.value:
        patients = session.scalars(
            select(MessageThread.patient_id).where(_party(user)).distinct()
        ).all()
        query = query.where(
            MessageThread.patient_id.in_(patients_in_care(session, user.id, patients))
        )
    return query


def _detail(
    session: Session, thread: MessageThread, viewer: User, messages: list[Message]
) -> ThreadDetail:
    now = utcnow()
    block = session.get(MessageBlock, (thread.doctor_id, thread.patient_id))
    summary = thread_out(thread, people_of(session, [thread]), 0)
    files = attachments_of(session, [m.id for m in messages])
    return ThreadDetail(
        **summary.model_dump(),
        messages=[message_out(m, thread, viewer, now, files.get(m.id)) for m in messages],
        block=block_out(block),
        can_reply=writing.can_reply(session, viewer, thread),
    )
