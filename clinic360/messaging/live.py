"""Open screens hear of a new message (the unread badge, the thread list): ids only."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clinic360.core.events import doctor_topic, emit, patient_topic
from clinic360.messaging.models import Message, MessageThread


def announce(session: Session, thread: MessageThread, message: Message) -> None:
    """In the transaction that added `message` to `thread`: a live event to both sides."""
    emit(
        session,
        (patient_topic(thread.patient_id), doctor_topic(thread.doctor_id)),
        "message",
        {"threadId": thread.id, "messageId": message.id},
    )
