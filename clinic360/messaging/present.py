"""Threads and messages as the caller sees them: a retracted body is never sent, and each
message says whether it is the caller's own and until when they may still retract it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.messaging.models import Message, MessageAttachment, MessageBlock, MessageThread
from clinic360.messaging.schemas import AttachmentOut, BlockOut, MessageOut, Person, ThreadOut
from clinic360.records.attachments import AttachedFile, attached_files


def retract_window() -> timedelta:
    return timedelta(seconds=current_app.config["MESSAGE_RETRACT_SECONDS"])


def message_out(
    message: Message,
    thread: MessageThread,
    viewer: User,
    now: datetime,
    attachment: AttachmentOut | None = None,
) -> MessageOut:
    mine = message.sender_id == viewer.id
    until = message.created_at + retract_window()
    retractable = mine and message.read_at is None and message.retracted_at is None and now < until
    if message.sender_id is None:
        sender = "clinic"
    else:
        # the patient's side: the patient, or their guardian or proxy
        sender = "doctor" if message.sender_id == thread.doctor_id else "patient"
    return MessageOut(
        id=message.id,
        thread_id=message.thread_id,
        sender=sender,
        mine=mine,
        body=None if message.retracted_at is not None else message.body,
        created_at=message.created_at,
        read_at=message.read_at,
        retracted_at=message.retracted_at,
        retractable_until=until if retractable else None,
        attachment=None if message.retracted_at is not None else attachment,
    )


def attachment_out(found: AttachedFile) -> AttachmentOut:
    return AttachmentOut(
        document_id=found.document_id,
        file_name=found.file_name,
        content_type=found.content_type,
        size=found.size,
    )


def attachments_of(session: Session, message_ids: Iterable[int]) -> dict[int, AttachmentOut]:
    """Per message id, its attachment (messages without one are absent)."""
    ids = list(message_ids)
    if not ids:
        return {}
    links = dict(
        session.execute(
            select(MessageAttachment.message_id, MessageAttachment.document_id).where(
                MessageAttachment.message_id.in_(ids)
            )
        ).all()
    )
    files = attached_files(session, links.values())
    return {message: attachment_out(files[doc]) for message, doc in links.items() if doc in files}


def unread_by_thread(session: Session, viewer: User, thread_ids: Iterable[int]) -> dict[int, int]:
    """Per thread, the messages of the other side `viewer` has not read (retracted ones are
    not counted: they were taken back unread)."""
    ids = list(thread_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Message.thread_id, func.count())
        .where(Message.thread_id.in_(ids), *unread_for(viewer))
        .group_by(Message.thread_id)
    ).all()
    return {thread_id: int(count) for thread_id, count in rows}


def unread_for(viewer: User) -> list[ColumnElement[bool]]:
    """The conditions on `Message` of "unread by `viewer`" (the one unread rule)."""
    other_side = (
        Message.sender_id.in_(select(User.id).where(User.role == Role.DOCTOR.value))
        if viewer.role == Role.PATIENT.value  # a guardian's own messages are not "unread"
        else Message.sender_id != viewer.id
    )
    return [
        other_side,
        Message.read_at.is_(None),
        Message.retracted_at.is_(None),
    ]


def thread_out(thread: MessageThread, people: Mapping[int, User], unread: int) -> ThreadOut:
    return ThreadOut(
        id=thread.id,
        subject=thread.subject,
        status=thread.status,
        patient=_person(people[thread.patient_id]),
        doctor=_person(people[thread.doctor_id]),
        created_at=thread.created_at,
        last_message_at=thread.last_message_at,
        closed_at=thread.closed_at,
        unread=unread,
    )


def people_of(session: Session, threads: Iterable[MessageThread]) -> dict[int, User]:
    ids = {person for t in threads for person in (t.patient_id, t.doctor_id)}
    if not ids:
        return {}
    return {user.id: user for user in session.scalars(select(User).where(User.id.in_(ids)))}


def block_out(block: MessageBlock | None) -> BlockOut | None:
    return BlockOut(reason=block.reason, created_at=block.created_at) if block else None


def _person(user: User) -> Person:
    return Person(id=user.id, full_name=user.full_name, specialization=user.specialization)
