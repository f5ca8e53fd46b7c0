"""A new thread whose first message carries a file (issue 22, `POST /api/messages/threads/
attachments`): the file becomes a document of the thread patient's record exactly as a reply's
does, both sides download it, a guardian writes for a dependent; a bad or oversized file, a bad
form and any refusal leave no thread at all; both databases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask_openapi3 import OpenAPI
from sqlalchemy import func, select

from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.messaging.models import Message, MessageAttachment, MessageThread
from clinic360.records.documents_models import Document
from tests.factories import TINY_PDF, add_dependent, grant_proxy, insert_appointment
from tests.helpers import problem
from tests.messaging.conftest import (
    AddAppointment,
    Chat,
    canary,
    send_new_thread_file,
    start_thread,
)

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
PATH = "/api/messages/threads/attachments"


def _count(app: OpenAPI, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def _nothing_written(app: OpenAPI) -> None:
    for model in (MessageThread, Message, MessageAttachment, Document):
        assert _count(app, model) == 0, model


def test_a_new_thread_with_a_pdf_reaches_both_sides_and_the_record(
    app: OpenAPI, chat: Chat, audit_count: Callable[..., int]
) -> None:
    name = f"{canary('FILE')} results.pdf"
    answer = send_new_thread_file(chat.p1, chat.d1, name=name)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    thread = answer.get_json()
    first, auto = thread["messages"]
    assert (first["sender"], auto["sender"]) == ("patient", "clinic")
    assert first["body"].startswith("CANARY") and auto["attachment"] is None
    attached = first["attachment"]
    assert attached["contentType"] == "application/pdf" and attached["size"] == len(TINY_PDF)
    assert attached["fileName"] == name.replace(" ", "_")
    assert thread["patient"]["id"] == chat.p1.id and thread["canReply"] is True

    seen = chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")
    assert [m["attachment"] is not None for m in seen["messages"]] == [True, False]
    for who in (chat.p1, chat.d1):
        download = who.client.get(f"/api/messages/{first['id']}/attachment")
        assert download.status_code == 200 and download.data == TINY_PDF
        assert download.mimetype == "application/pdf"
        assert download.headers["Content-Disposition"].startswith("attachment;")

    record = chat.p1.client.call("GET", f"/api/patients/{chat.p1.id}/documents")
    assert [(d["id"], d["kind"], d["uploadedBy"]["id"]) for d in record] == [
        (attached["documentId"], "other", chat.p1.id)
    ]
    assert record[0]["title"].startswith("Attached to the message")
    assert audit_count(patient_id=chat.p1.id, action="document.upload") == 1
    assert audit_count(patient_id=chat.p1.id, action="document.download") == 2
    assert audit_count(patient_id=chat.p1.id, action="message.write") == 1


def test_a_guardian_starts_a_thread_with_a_file_for_a_dependent(
    app: OpenAPI, chat: Chat, audit_count: Callable[..., int], add_appointment: AddAppointment
) -> None:
    parent, doctor = chat.p1, chat.d1
    child = add_dependent(parent)
    insert_appointment(app, child["id"], doctor.id, utcnow() + timedelta(days=5))

    answer = send_new_thread_file(parent, doctor, patientId=child["id"])
    assert answer.status_code == 201, answer.get_data(as_text=True)
    thread = answer.get_json()
    assert thread["patient"]["id"] == child["id"]
    first = thread["messages"][0]
    assert first["mine"] is True and first["attachment"] is not None
    download = doctor.client.get(f"/api/messages/{first['id']}/attachment")
    assert download.status_code == 200 and download.data == TINY_PDF

    documents = parent.client.call("GET", f"/api/patients/{child['id']}/documents")
    assert [(d["id"], d["uploadedBy"]["id"]) for d in documents] == [
        (first["attachment"]["documentId"], parent.id)
    ]
    assert parent.client.call("GET", f"/api/patients/{parent.id}/documents") == []
    assert audit_count(patient_id=child["id"], actor_id=parent.id, action="document.upload") == 1
    assert audit_count(patient_id=child["id"], actor_id=parent.id, action="message.write") == 1

    # A proxy who may message but not read the records cannot file a document there: refused
    # as a reply's file is, and no thread is left behind.
    grantor = chat.people.p2
    add_appointment(grantor, doctor)
    grant_proxy(grantor, parent, "messages")
    threads_before = _count(app, MessageThread)
    refused = send_new_thread_file(parent, doctor, patientId=grantor.id)
    problem(refused, 403, "proxy_capability_missing")
    assert _count(app, MessageThread) == threads_before
    start_thread(parent, doctor, patientId=grantor.id)  # without a file it is allowed


def test_a_bad_file_or_form_leaves_no_thread(app: OpenAPI, chat: Chat) -> None:
    p1, d1 = chat.p1, chat.d1
    problem(send_new_thread_file(p1, d1, data=ELF, name="x.pdf"), 422, "unsupported_file_type")
    problem(send_new_thread_file(p1, d1, data=b""), 422, "empty_file")
    refused = problem(send_new_thread_file(p1, d1, subject=""), 422, "validation_error")
    assert set(refused["errors"]) == {"subject"}
    refused = problem(send_new_thread_file(p1, d1, doctorId="x"), 422, "validation_error")
    assert set(refused["errors"]) == {"doctorId"}
    refused = problem(send_new_thread_file(p1, d1, subject="a\nb"), 422, "validation_error")
    assert set(refused["errors"]) == {"subject"}
    refused = problem(send_new_thread_file(p1, d1, body="\ue000"), 422, "validation_error")
    assert set(refused["errors"]) == {"body"}
    p1.client.csrf_token(refresh=True)
    no_file = p1.client._unsafe(
        "POST",
        PATH,
        data={"doctorId": str(d1.id), "subject": "Hello", "body": "hello"},
        content_type="multipart/form-data",
    )
    problem(no_file, 422, "empty_file")
    as_json = p1.client.post(PATH, json={"doctorId": d1.id, "subject": "Hi", "body": "x"})
    problem(as_json, 415, "unsupported_media_type")
    _nothing_written(app)


def test_an_oversized_file_leaves_no_thread(app: OpenAPI, chat: Chat) -> None:
    app.config["DOCUMENT_MAX_BYTES"] = 100
    # Over the limit but within the multipart allowance (refused by the documents store,
    # inside the transaction that holds the new thread) and far over it (refused before the
    # body is read).
    for padding in (10, 70 * 1024):
        data = TINY_PDF + b" " * padding
        problem(send_new_thread_file(chat.p1, chat.d1, data=data), 413, "file_too_large")
    _nothing_written(app)


def test_refused_as_the_json_start_is(app: OpenAPI, chat: Chat) -> None:
    """Not in care → 403 `messaging_not_allowed`, exactly as for JSON; doctors may not start
    threads; someone else's `patientId` reads like a missing one. Nothing is written."""
    p2, d1 = chat.people.p2, chat.d1
    by_json = start_thread(p2, d1, status=403)
    with_file = problem(send_new_thread_file(p2, d1), 403, "messaging_not_allowed")
    assert with_file == by_json
    problem(send_new_thread_file(d1, chat.people.d2), 403, "forbidden")
    theirs = problem(send_new_thread_file(p2, d1, patientId=chat.p1.id), 404, "not_found")
    missing = problem(send_new_thread_file(p2, d1, patientId=987_654), 404, "not_found")
    assert theirs == missing
    d1.client.call("PUT", f"/api/messages/threads/{start_thread(chat.p1, d1)['id']}/block",
                   {"reason": "Please call."})  # fmt: skip
    blocked = problem(send_new_thread_file(chat.p1, d1), 403, "messaging_blocked")
    assert blocked["reason"] == "Please call."
    assert _count(app, MessageThread) == 1 and _count(app, Document) == 0
