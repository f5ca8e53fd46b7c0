"""The recipient of a message is emailed that there is one, with a link and no content:
never the subject, never the body (in the outbox payload, the email, or a log line)."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_openapi3 import OpenAPI

from clinic360.core.clock import utcnow
from clinic360.messaging.digest import queue_due_digests
from tests.helpers import rendered_outbox_email
from tests.messaging.conftest import (
    Chat,
    accept_messages,
    canary,
    outbox_rows,
    reply,
    start_thread,
)

PUBLIC_URL = "http://127.0.0.1:5000"


def test_each_side_is_told_without_a_word_of_the_message(app: OpenAPI, chat: Chat) -> None:
    subject, body = canary("SUBJECT"), canary("BODY")
    thread = start_thread(chat.p1, chat.d1, subject=subject, body=body)
    answer = canary("ANSWER")
    reply(chat.d1, thread["id"], body=answer)

    rows = outbox_rows(app, "message_received")
    assert [row.recipient_id for row in rows] == [chat.d1.id, chat.p1.id]
    for row in rows:
        assert row.params == {
            "threadId": str(thread["id"]),
            "senderId": str(row.params["senderId"]),
        }
    to_doctor, to_patient = (rendered_outbox_email(app, row.id) for row in rows)
    assert to_doctor["subject"] == f"You have a new message from {chat.p1.user['fullName']}"
    assert to_patient["subject"] == "You have a new message from your clinic"
    link = f"{PUBLIC_URL}/messages/{thread['id']}"
    for email in (to_doctor, to_patient):
        text = json.dumps(email)
        assert link in email["text/plain"] and link in email["text/html"]
        for secret in (subject, body, answer, "CANARY"):
            assert secret not in text


def test_one_email_per_unread_run(app: OpenAPI, chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    reply(chat.p1, thread["id"])
    reply(chat.p1, thread["id"])
    assert len(outbox_rows(app, "message_received")) == 1  # the doctor has not read yet
    chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")
    reply(chat.p1, thread["id"])
    assert len(outbox_rows(app, "message_received")) == 2


def _next_digest_time(after: datetime, zone: ZoneInfo, hour: int) -> datetime:
    local = after.astimezone(zone)
    due = datetime.combine(local.date(), time(hour), tzinfo=zone)
    return due if due > local else due + timedelta(days=1)


def test_a_doctor_on_the_digest_gets_one_count_a_day(app: OpenAPI, chat: Chat) -> None:
    zone = "Pacific/Kiritimati"  # UTC+14: the doctor's day is not the UTC day
    accept_messages(chat.d1, messageDigest=True, timezone=zone)
    app.config["MESSAGE_DIGEST_HOUR"] = 7
    sent_at = utcnow()
    thread = start_thread(chat.p1, chat.d1)
    reply(chat.p1, thread["id"])
    other = start_thread(chat.p1, chat.d1)
    reply(chat.d1, other["id"])  # the patient is still emailed at once
    assert [row.recipient_id for row in outbox_rows(app, "message_received")] == [chat.p1.id]

    due = _next_digest_time(sent_at, ZoneInfo(zone), 7)
    with app.app_context():
        assert queue_due_digests(due - timedelta(seconds=1)) == 0  # yesterday's: nothing new
        assert queue_due_digests(due) == 1
        assert queue_due_digests(due + timedelta(hours=5)) == 0  # once a day
    (digest,) = outbox_rows(app, "message_digest")
    assert digest.recipient_id == chat.d1.id and digest.params == {"count": "3"}
    email = rendered_outbox_email(app, digest.id)
    assert email["subject"] == "3 new messages in Clinic360"
    assert f"{PUBLIC_URL}/messages" in email["text/plain"]
    assert "CANARY" not in json.dumps(email)

    chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")
    with app.app_context():  # the next day counts what is still unread of that day's window
        assert queue_due_digests(due + timedelta(days=1)) == 0
