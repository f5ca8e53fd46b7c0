"""Messages endpoints: validate, authorise (role), call one service, serialise.

Who may read or write which thread is `access` (the care rule); see docs/API.md "Messages".
"""

from __future__ import annotations

from flask import Response, request
from flask_openapi3 import APIBlueprint, Tag
from werkzeug.exceptions import RequestEntityTooLarge

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.core.http import accept_upload, json_response, no_content
from clinic360.core.schemas import Page
from clinic360.messaging import attachments, blocks, threads, writing
from clinic360.messaging.schemas import (
    ATTACHMENT_BODY,
    NEW_THREAD_ATTACHMENT_BODY,
    ActingForQuery,
    BlockBody,
    BlockOut,
    MessageCreate,
    MessageOut,
    MessagePath,
    MessagingDoctorList,
    ThreadCreate,
    ThreadDetail,
    ThreadList,
    ThreadPath,
    UnreadOut,
    form_message,
    form_thread,
)
from clinic360.records.documents import Upload
from clinic360.records.documents_api import file_response
from clinic360.records.errors import EmptyFile, FileTooLarge

bp = APIBlueprint("messages", __name__, url_prefix="/api/messages", abp_tags=[Tag(name="messages")])

_WRITERS = (Role.PATIENT, Role.DOCTOR)


@bp.get("/threads", responses={200: ThreadList})
def list_threads(query: Page) -> Response:
    """The caller's threads, latest message first (a doctor: with patients in their care)."""
    items, total = threads.list_threads(require_user(*_WRITERS), query.limit, query.offset)
    return json_response(items, total=total)


@bp.post("/threads", responses={201: ThreadDetail})
def start_thread(body: ThreadCreate) -> Response:
    """Write to a doctor (patients): a new thread, its first message and the clinic's
    automatic reply. 403 `messaging_not_allowed` / `messaging_blocked`, 429 `rate_limited`."""
    return json_response(threads.start_thread(require_user(Role.PATIENT), body), 201)


@bp.post(
    "/threads/attachments",
    responses={201: ThreadDetail},
    openapi_extensions={"requestBody": NEW_THREAD_ATTACHMENT_BODY},
)
def start_thread_with_file() -> Response:
    """Write to a doctor with a file (`multipart/form-data`: `doctorId`, `subject`, `body`,
    optional `patientId`, and `file`, a PDF, PNG or JPEG): the new thread, its first message
    with the file (a document of the thread patient's record) and the automatic reply.
    Everything `POST /threads` answers, and 413 `file_too_large`, 422
    `empty_file`/`unsupported_file_type`; then no thread is written."""
    user = require_user(Role.PATIENT)
    fields, upload = _form_with_file()
    data = form_thread(fields)
    if upload is None:
        raise EmptyFile({"file": "is required"})
    return json_response(threads.start_thread(user, data, upload), 201)


@bp.get("/threads/<int:id>", responses={200: ThreadDetail})
def read_thread(path: ThreadPath) -> Response:
    """One thread with its messages; the other side's messages become read. 404 for a
    thread the caller may not see, same as for a missing one."""
    return json_response(threads.read_thread(require_user(*_WRITERS), path.id))


@bp.post("/threads/<int:id>/messages", responses={201: MessageOut})
def post_message(path: ThreadPath, body: MessageCreate) -> Response:
    """Reply in a thread; a doctor's reply reopens a closed thread, a patient's answers 409
    `thread_closed`."""
    message = writing.post_message(require_user(*_WRITERS), path.id, body.body)
    return json_response(message, 201)


@bp.post(
    "/threads/<int:id>/attachments",
    responses={201: MessageOut},
    openapi_extensions={"requestBody": ATTACHMENT_BODY},
)
def post_attachment(path: ThreadPath) -> Response:
    """Reply with a file (`multipart/form-data`: `file`, a PDF, PNG or JPEG, and `body`); the
    file becomes a document of the thread patient's record. Everything `POST …/messages`
    answers, and 413 `file_too_large`, 422 `empty_file`/`unsupported_file_type`."""
    user = require_user(*_WRITERS)
    fields, upload = _form_with_file()
    body = form_message(fields)
    if upload is None:
        raise EmptyFile({"file": "is required"})
    return json_response(writing.post_message(user, path.id, body.body, upload), 201)


def _form_with_file() -> tuple[dict[str, str], Upload | None]:
    """The form fields and the `file` part of a multipart request (413 `file_too_large` when
    the body outgrows the limit while read)."""
    try:
        part = request.files.get("file")
        fields = request.form.to_dict()
    except RequestEntityTooLarge:
        raise FileTooLarge() from None
    return fields, None if part is None else Upload(part.filename, part.stream)


@bp.get("/<int:id>/attachment")
def download_attachment(path: MessagePath) -> Response:
    """The file of message `:id`, as an attachment of its sniffed type (never inline,
    `nosniff`): whoever may read its thread now; 404 once retracted."""
    return file_response(attachments.open_attachment(require_user(*_WRITERS), path.id))


@bp.post("/threads/<int:id>/close", responses={204: None})
def close_thread(path: ThreadPath) -> Response:
    """Close a thread (its doctor)."""
    threads.close_thread(require_user(Role.DOCTOR), path.id)
    return no_content()


@bp.put("/threads/<int:id>/block", responses={200: BlockOut})
def block_patient(path: ThreadPath, body: BlockBody) -> Response:
    """Block the thread's patient from writing to the caller (its doctor), with a reason
    the patient sees."""
    return json_response(blocks.block(require_user(Role.DOCTOR), path.id, body.reason))


@bp.delete("/threads/<int:id>/block", responses={204: None})
def unblock_patient(path: ThreadPath) -> Response:
    """Let the thread's patient write to the caller again."""
    blocks.unblock(require_user(Role.DOCTOR), path.id)
    return no_content()


@bp.post("/<int:id>/retract", responses={200: MessageOut})
def retract_message(path: MessagePath) -> Response:
    """Retract the caller's own message while unread, within `MESSAGE_RETRACT_SECONDS`.
    409 `message_already_read` / `retract_too_late`."""
    return json_response(writing.retract(require_user(*_WRITERS), path.id))


@bp.get("/unread", responses={200: UnreadOut})
def unread() -> Response:
    """How many messages wait unread for the caller (the navigation's badge)."""
    return json_response(UnreadOut(count=threads.unread_count(require_user(*_WRITERS))))


@bp.get("/doctors", responses={200: MessagingDoctorList})
def doctors(query: ActingForQuery) -> Response:
    """The doctors the caller (a patient) may write to: in their care, accepting messages;
    a blocked one says why. With `patientId`: those of a patient the caller acts for."""
    return json_response(threads.doctors_for(require_user(Role.PATIENT), query.patient_id))


accept_upload("messages.post_attachment", "DOCUMENT_MAX_BYTES")
accept_upload("messages.start_thread_with_file", "DOCUMENT_MAX_BYTES")
