"""The emails of the messaging domain, written to the outbox in the caller's transaction.

They say only that there is something to read, and where: never the subject, never a word of
a message (the payload holds ids and, for the digest, a count). The notifications relay
renders "You have a new message from your clinic" (patients) or "… from <patient name>"
(doctors) with a link to the thread.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.messaging.models import Message, MessageThread
from clinic360.outbox.enqueue import NewEmail, enqueue
from clinic360.outbox.models import EmailKind


def new_message(session: Session, thread: MessageThread, message: Message) -> None:
    """Tell the other side of `thread` about `message`, unless they will not want it: a
    doctor who chose the daily digest, or a recipient who has not read the previous
    message of this thread yet (they were told then; one email per unread run)."""
    assert message.sender_id is not None
    from_doctor = message.sender_id == thread.doctor_id
    recipient_id = thread.patient_id if from_doctor else thread.doctor_id
    recipient = session.get(User, recipient_id)
    if recipient is None or (recipient_id == thread.doctor_id and recipient.message_digest):
        return
    earlier_unread = session.scalar(
        select(func.count()).where(
            Message.thread_id == thread.id,
            Message.id != message.id,
            Message.sender_id == message.sender_id,
            Message.read_at.is_(None),
            Message.retracted_at.is_(None),
        )
    )
    if earlier_unread:
        return
    enqueue(
        session,
        NewEmail(
            kind=EmailKind.MESSAGE_RECEIVED,
            recipient_id=recipient_id,
            idempotency_key=f"message:{message.id}",
            params={"threadId": str(thread.id), "senderId": str(message.sender_id)},
        ),
    )


def digest(doctor_id: int, day: str, count: int) -> NewEmail:
    """The daily digest of `day` (the doctor's local date): how many new messages, no more."""
    return NewEmail(
        kind=EmailKind.MESSAGE_DIGEST,
        recipient_id=doctor_id,
        idempotency_key=f"message-digest:{doctor_id}:{day}",
        params={"count": str(count)},
    )
