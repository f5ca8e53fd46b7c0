"""Errors of the messaging domain, each with its HTTP status and stable `code`."""

from __future__ import annotations

from clinic360.core.errors import Conflict, Forbidden


class MessagingNotAllowed(Forbidden):
    """The patient may not write to this doctor now: no care relationship (no non-cancelled
    appointment together), the doctor does not accept messages, or is not an active doctor.
    One answer for all of them; about a doctor, whom the directory shows anyway."""

    code = "messaging_not_allowed"
    detail = (
        "You can write only to a doctor you have an appointment with and who accepts "
        "messages. For anything urgent, call the clinic."
    )


class MessagingBlocked(Forbidden):
    """The doctor blocked this patient from writing to them; `reason` is the doctor's."""

    code = "messaging_blocked"
    detail = "This doctor does not accept messages from you."

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.extra = {"reason": reason}


class ThreadClosed(Conflict):
    code = "thread_closed"
    detail = "Your doctor closed this conversation. Start a new one to write again."


class RetractTooLate(Conflict):
    code = "retract_too_late"
    detail = "A message can be retracted only within the first minutes after sending it."


class MessageAlreadyRead(Conflict):
    code = "message_already_read"
    detail = "The message was already read, so it can no longer be retracted."


class NotSender(Forbidden):
    code = "not_sender"
    detail = "Only the sender of a message may retract it."
