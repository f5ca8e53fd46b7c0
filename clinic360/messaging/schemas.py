"""Request and response bodies of the messages API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, RootModel, StringConstraints, ValidationError

from clinic360.core.errors import ValidationFailed
from clinic360.core.schemas import (
    ApiModel,
    Id,
    MultiLineText,
    SingleLineText,
    UtcInstant,
    refused_code_point,
)
from clinic360.messaging.models import SUBJECT_MAX_CHARS, ThreadStatus

Subject = Annotated[SingleLineText, StringConstraints(min_length=1, max_length=SUBJECT_MAX_CHARS)]
MessageBody = Annotated[
    MultiLineText,
    Field(
        min_length=1,
        description="Plain text; line breaks and tabs allowed, other control characters "
        "not; at most `MESSAGE_MAX_CHARS` characters (422 above).",
    ),
]


class ThreadCreate(ApiModel):
    doctor_id: Id = Field(description="One of GET /api/messages/doctors.")
    patient_id: Id | None = Field(
        default=None,
        description="Who the thread is about: the caller (default) or a patient they act "
        "for with the messages capability (family access).",
    )
    subject: Subject
    body: MessageBody


class ActingForQuery(ApiModel):
    patient_id: Id | None = Field(
        default=None, description="A patient the caller acts for (family access)."
    )


class MessageCreate(ApiModel):
    body: MessageBody


def form_message(fields: Mapping[str, str]) -> MessageCreate:
    """The `body` field of a multipart message (with an attachment), validated as the JSON
    one is (and refused code points refused, as the JSON body guard does): ValidationFailed."""
    text = fields.get("body", "")
    if refused_code_point(text):
        raise ValidationFailed({"body": "holds a character that is not accepted"})
    try:
        return MessageCreate.model_validate({"body": text})
    except ValidationError as exc:
        raise ValidationFailed({"body": exc.errors()[0]["msg"]}) from None


ATTACHMENT_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file", "body"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "body": {"type": "string", "minLength": 1},
                },
            }
        }
    },
}
"""A reply with a file, in the OpenAPI document (read by the handler after the role check)."""


class BlockBody(ApiModel):
    reason: Annotated[SingleLineText, StringConstraints(min_length=1, max_length=500)] = Field(
        description="Shown to the patient."
    )


class ThreadPath(ApiModel):
    id: Id


class MessagePath(ApiModel):
    id: Id


class Person(ApiModel):
    id: int
    full_name: str
    specialization: str | None = None


class AttachmentOut(ApiModel):
    document_id: int = Field(description="The document of the patient's record it became.")
    file_name: str
    content_type: str = Field(description="Read from the bytes: PDF, PNG or JPEG.")
    size: int


class MessageOut(ApiModel):
    id: int
    thread_id: int
    sender: Literal["patient", "doctor", "clinic"] = Field(
        description="`clinic`: the automatic first reply to a new thread."
    )
    mine: bool = Field(description="The caller sent it.")
    body: str | None = Field(description="`null` once retracted.")
    created_at: UtcInstant
    read_at: UtcInstant | None = Field(description="When the other side read it.")
    retracted_at: UtcInstant | None
    retractable_until: UtcInstant | None = Field(
        description="The caller's own unread message: until when it may be retracted."
    )
    attachment: AttachmentOut | None = Field(
        default=None,
        description="Its file (`GET /api/messages/:id/attachment`); `null` once retracted.",
    )


class BlockOut(ApiModel):
    reason: str
    created_at: UtcInstant


class ThreadOut(ApiModel):
    id: int
    subject: str
    status: ThreadStatus
    patient: Person
    doctor: Person
    created_at: UtcInstant
    last_message_at: UtcInstant
    closed_at: UtcInstant | None
    unread: int = Field(description="Messages of the other side the caller has not read.")


class ThreadList(RootModel[list[ThreadOut]]):
    pass


class ThreadDetail(ThreadOut):
    messages: list[MessageOut] = Field(description="Oldest first.")
    block: BlockOut | None = Field(
        description="The doctor blocked the patient from writing to them, and why."
    )
    can_reply: bool = Field(description="The caller may write in this thread now.")


class UnreadOut(ApiModel):
    count: int


class MessagingDoctor(Person):
    blocked_reason: str | None = Field(
        description="The doctor blocked the caller from writing to them, and why."
    )


class MessagingDoctorList(RootModel[list[MessagingDoctor]]):
    pass
