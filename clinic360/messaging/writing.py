"""Writing in a thread: the body rules, the sender's rate limit, replying (with a file),
retracting.

Each public function owns one transaction (`attach_file` runs in its caller's); writes in
one thread are serialised by the thread's row lock (`FOR UPDATE` on PostgreSQL; SQLite's
`BEGIN IMMEDIATE` serialises writers). A retraction is a compare-and-swap: `UPDATE … WHERE
read_at IS NULL AND retracted_at IS NULL AND created_at > now - window`, so a read and a
retraction racing each other cannot both win.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import update
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core import ratelimit
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import DomainError, NotFound, ValidationFailed
from clinic360.messaging import emails, live
from clinic360.messaging.access import (
    ensure_messaging_user,
    ensure_patient_may_write,
    visible_thread,
)
from clinic360.messaging.errors import (
    MessageAlreadyRead,
    NotSender,
    RetractTooLate,
    ThreadClosed,
)
from clinic360.messaging.models import Message, MessageAttachment, MessageThread, ThreadStatus
from clinic360.messaging.present import attachment_out, message_out, retract_window
from clinic360.messaging.schemas import AttachmentOut, MessageOut
from clinic360.records.attachments import attach
from clinic360.records.documents import Upload

SENT_COUNTER = "messages-sent"


def clean_body(body: str) -> str:
    """The body as stored: line breaks as `\\n`. ValidationFailed when it is blank or longer
    than MESSAGE_MAX_CHARS (control characters were refused by the schema)."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ValidationFailed({"body": "must not be empty"})
    limit = current_app.config["MESSAGE_MAX_CHARS"]
    if len(text) > limit:
        raise ValidationFailed({"body": f"must be at most {limit} characters"})
    return text


def count_sent(sender: User) -> None:
    """Count one message of `sender`; RateLimited beyond MESSAGES_PER_SENDER_HOUR.

    Called before the write's transaction opens (the counter store has its own)."""
    limit = current_app.config["MESSAGES_PER_SENDER_HOUR"]
    ratelimit.check(SENT_COUNTER, str(sender.id), limit=limit, window=timedelta(hours=1))


def can_reply(session: Session, user: User, thread: MessageThread) -> bool:
    """The caller may write in `thread` now (it is visible to them already)."""
    try:
        _ensure_may_post(session, user, thread)
    except DomainError:
        return False
    return True


def _ensure_may_post(session: Session, user: User, thread: MessageThread) -> None:
    if user.role != Role.PATIENT.value:
        return  # a doctor who sees the thread may write; a closed thread reopens
    patient = session.get(User, thread.patient_id)
    assert patient is not None  # a thread's patient is never deleted
    ensure_patient_may_write(session, patient, thread.doctor_id)
    if thread.status == ThreadStatus.CLOSED.value:
        raise ThreadClosed()


def post_message(user: User, thread_id: int, body: str, file: Upload | None = None) -> MessageOut:
    """Add `user`'s message to a thread they may read, with `file` attached (it becomes a
    document of the patient's record, `records.attachments`); a doctor's message reopens a
    closed thread. The other side is told by email (never of the file's name).

    Raises Forbidden/DoctorNotApproved, NotFound, ValidationFailed, RateLimited,
    MessagingNotAllowed/MessagingBlocked and ThreadClosed (patients), and the upload's
    413 `file_too_large` / 422 `empty_file`, `unsupported_file_type`, `document_limit_reached`
    (then nothing is written).
    """
    ensure_messaging_user(user)
    text = clean_body(body)
    count_sent(user)
    with transaction() as session:
        thread = visible_thread(session, user, thread_id, lock=True)
        _ensure_may_post(session, user, thread)
        now = utcnow()
        if thread.status == ThreadStatus.CLOSED.value:
            thread.status = ThreadStatus.OPEN.value
            thread.closed_at = None
        thread.last_message_at = now
        message = Message(thread_id=thread.id, sender_id=user.id, body=text, created_at=now)
        session.add(message)
        session.flush()
        attachment = attach_file(session, user, thread, message, file) if file else None
        emails.new_message(session, thread, message)
        live.announce(session, thread, message)
        record_access(session, user, AuditAction.MESSAGE_WRITE, [thread.patient_id])
        return message_out(message, thread, user, now, attachment)


def attach_file(
    session: Session, user: User, thread: MessageThread, message: Message, file: Upload
) -> AttachmentOut:
    """`file` as `message`'s attachment: a new document of the thread patient's record
    (`records.attachments`: the record rule checked again, the upload audited), in the
    caller's transaction. Raises the upload's 413/422 errors."""
    title = f"Attached to the message “{thread.subject}”"
    stored = attach(session, user, thread.patient_id, file, title)
    session.add(MessageAttachment(message_id=message.id, document_id=stored.document_id))
    session.flush()
    return attachment_out(stored)


def retract(user: User, message_id: int) -> MessageOut:
    """Retract the caller's own message while unread and within MESSAGE_RETRACT_SECONDS:
    its body is hidden from both sides; the row (and its text) is kept.

    Raises NotFound (no such message, or its thread not visible), NotSender,
    MessageAlreadyRead, RetractTooLate. Retracting twice answers the retracted message.
    """
    ensure_messaging_user(user)
    with transaction() as session:
        message = session.get(Message, message_id)
        if message is None:
            raise NotFound()
        thread = visible_thread(session, user, message.thread_id, lock=True)
        if message.sender_id != user.id:
            raise NotSender()
        now = utcnow()
        if message.retracted_at is None:
            done = session.execute(
                update(Message)
                .where(
                    Message.id == message.id,
                    Message.read_at.is_(None),
                    Message.retracted_at.is_(None),
                    Message.created_at > now - retract_window(),
                )
                .values(retracted_at=now)
            )
            session.refresh(message)
            if done.rowcount != 1:  # type: ignore[attr-defined]
                raise MessageAlreadyRead() if message.read_at is not None else RetractTooLate()
            record_access(session, user, AuditAction.MESSAGE_WRITE, [thread.patient_id])
        return message_out(message, thread, user, now)
