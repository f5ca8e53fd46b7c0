"""Request and response bodies of the messages API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar

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
    return _form(MessageCreate, {"body": fields.get("body", "")})


def form_thread(fields: Mapping[str, str]) -> ThreadCreate:
    """The fields of a multipart new thread (with an attachment: `doctorId`, `subject`,
    `body`, optional `patientId`), validated by ThreadCreate's rules as the JSON body is
    (refused code points refused too): ValidationFailed."""
    names = ("doctorId", "patientId", "subject", "body")
    return _form(ThreadCreate, {name: fields[name] for name in names if name in fields})


_Form = TypeVar("_Form", bound=ApiModel)


def _form(model: type[_Form], values: dict[str, str]) -> _Form:
    for name, text in values.items():
        if refused_code_point(text):
            raise ValidationFailed({name: "holds a character that is not accepted"})
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            errors.setdefault(str(error["loc"][0]) if error["loc"] else "body", error["msg"])
        raise ValidationFailed(errors) from None


def _multipart(required: list[str], fields: dict[str, Any]) -> dict[str, Any]:
    """A `multipart/form-data` request body with a `file` part, in the OpenAPI document."""
    properties = {"file": {"type": "string", "format": "binary"}, **fields}
    schema = {"type": "object", "required": ["file", *required], "properties": properties}
    return {"required": True, "content": {"multipart/form-data": {"schema": schema}}}


_ID: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}

ATTACHMENT_BODY = _multipart(["body"], {"body": _TEXT})
"""A reply with a file, in the OpenAPI document (read by the handler after the role check)."""

NEW_THREAD_ATTACHMENT_BODY = _multipart(
    ["doctorId", "subject", "body"],
    {
        "doctorId": _ID,
        "patientId": _ID,
        "subject": {**_TEXT, "maxLength": SUBJECT_MAX_CHARS},
        "body": _TEXT,
    },
)
"""A new thread whose first message carries a file (the fields of ThreadCreate, as form
fields), in the OpenAPI document."""


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
