"""A reply with a file (issue 22): it becomes a document of the patient's record (the same
sniffing and limits as any upload), readable by whoever may read the thread, never after a
retraction; upload and downloads in the patient's access log; both databases."""

from __future__ import annotations

from collections.abc import Callable

from flask_openapi3 import OpenAPI
from sqlalchemy import func, select

from clinic360.core.db import db
from clinic360.messaging.models import Message, MessageAttachment
from clinic360.records.documents_models import Document
from tests.factories import TINY_PDF, TINY_PNG
from tests.helpers import problem
from tests.messaging.conftest import Chat, attach, reply, send_attachment, start_thread

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def _count(app: OpenAPI, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_patients_file_reaches_the_doctor_and_the_record(
    app: OpenAPI, chat: Chat, audit_count: Callable[..., int]
) -> None:
    thread = start_thread(chat.p1, chat.d1)
    sent = attach(chat.p1, thread["id"], data=TINY_PNG, name="../rash photo.jpeg")
    assert sent["attachment"]["contentType"] == "image/png"  # read from the bytes
    assert sent["attachment"]["fileName"] == "rash_photo.png"
    assert sent["attachment"]["size"] == len(TINY_PNG)
    assert sent["body"].startswith("CANARY")

    seen = chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")
    assert [m["attachment"] is not None for m in seen["messages"]] == [False, False, True]
    for who in (chat.d1, chat.p1):
        answer = who.client.get(f"/api/messages/{sent['id']}/attachment")
        assert answer.status_code == 200 and answer.data == TINY_PNG
        assert answer.mimetype == "image/png"
        assert answer.headers["Content-Disposition"] == 'attachment; filename="rash_photo.png"'
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Content-Security-Policy"].startswith("sandbox;")
        assert answer.headers["Cache-Control"] == "private, no-store"

    record = chat.p1.client.call("GET", f"/api/patients/{chat.p1.id}/documents")
    assert [(d["id"], d["kind"], d["uploadedBy"]["id"]) for d in record] == [
        (sent["attachment"]["documentId"], "other", chat.p1.id)
    ]
    assert record[0]["title"].startswith("Attached to the message")
    assert audit_count(patient_id=chat.p1.id, action="document.upload") == 1
    assert audit_count(patient_id=chat.p1.id, action="document.download") == 2

    answer = attach(chat.d1, thread["id"], data=TINY_PDF, name="results.pdf")
    mine = chat.p1.client.get(f"/api/messages/{answer['id']}/attachment")
    assert mine.status_code == 200 and mine.data == TINY_PDF
    assert audit_count(patient_id=chat.p1.id, actor_id=chat.d1.id, action="document.upload") == 1


def test_bad_files_and_bodies_are_refused_and_nothing_is_written(app: OpenAPI, chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    tid = thread["id"]
    before = _count(app, Message)
    problem(send_attachment(chat.p1, tid, data=ELF, name="x.pdf"), 422, "unsupported_file_type")
    problem(send_attachment(chat.p1, tid, data=b""), 422, "empty_file")
    problem(send_attachment(chat.p1, tid, body=""), 422, "validation_error")
    problem(send_attachment(chat.p1, tid, body="a\x00b"), 422, "validation_error")
    problem(send_attachment(chat.p1, tid, body="\ue000"), 422, "validation_error")
    chat.p1.client.csrf_token(refresh=True)
    no_file = chat.p1.client._unsafe(
        "POST",
        f"/api/messages/threads/{tid}/attachments",
        data={"body": "hello"},
        content_type="multipart/form-data",
    )
    problem(no_file, 422, "empty_file")
    as_json = chat.p1.client.post(f"/api/messages/threads/{tid}/attachments", json={"body": "x"})
    problem(as_json, 415, "unsupported_media_type")
    app.config["DOCUMENT_MAX_BYTES"] = 100
    problem(send_attachment(chat.p1, tid, data=TINY_PDF + b" " * 200), 413, "file_too_large")
    assert _count(app, Message) == before
    assert _count(app, Document) == 0 and _count(app, MessageAttachment) == 0


def test_only_readers_of_the_thread_open_it_and_never_after_retraction(
    app: OpenAPI, chat: Chat, set_status: Callable[[int, str], None]
) -> None:
    thread = start_thread(chat.p1, chat.d1)
    sent = attach(chat.p1, thread["id"])
    path = f"/api/messages/{sent['id']}/attachment"
    missing = chat.people.p2.client.get("/api/messages/987654/attachment").get_json()
    for stranger in (chat.people.p2, chat.people.d2):
        answer = stranger.client.get(path)
        problem(answer, 404, "not_found")
        assert answer.get_json() == missing
        problem(send_attachment(stranger, thread["id"]), 404, "not_found")
    plain = reply(chat.p1, thread["id"])
    problem(chat.p1.client.get(f"/api/messages/{plain['id']}/attachment"), 404, "not_found")

    retracted = chat.p1.client.call("POST", f"/api/messages/{sent['id']}/retract")
    assert retracted["attachment"] is None and retracted["body"] is None
    for who in (chat.p1, chat.d1):
        problem(who.client.get(path), 404, "not_found")
        seen = who.client.call("GET", f"/api/messages/threads/{thread['id']}")
        assert all(m["attachment"] is None for m in seen["messages"])

    again = attach(chat.p1, thread["id"])
    set_status(chat.appointment_id, "cancelled")  # the care ends: the doctor loses the thread
    problem(chat.d1.client.get(f"/api/messages/{again['id']}/attachment"), 404, "not_found")
    problem(send_attachment(chat.p1, thread["id"]), 403, "messaging_not_allowed")
    assert chat.p1.client.get(f"/api/messages/{again['id']}/attachment").status_code == 200


def test_a_blocked_patient_cannot_attach(app: OpenAPI, chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    chat.d1.client.call("PUT", f"/api/messages/threads/{thread['id']}/block", {"reason": "Abuse"})
    answer = problem(send_attachment(chat.p1, thread["id"]), 403, "messaging_blocked")
    assert answer["reason"] == "Abuse"
    assert _count(app, Document) == 0
