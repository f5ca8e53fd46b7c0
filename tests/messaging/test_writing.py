"""Replying, closing and reopening, retracting, and the unread rule."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from flask_openapi3 import OpenAPI

from clinic360.core.clock import utcnow
from tests.messaging.conftest import Chat, reply, start_thread, unread


def test_a_closed_thread_reopens_only_with_the_doctors_message(chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    path = f"/api/messages/threads/{thread['id']}"
    assert chat.p1.client.post(f"{path}/close").get_json()["code"] == "forbidden"
    assert chat.d1.client.post(f"{path}/close").status_code == 204
    assert chat.d1.client.post(f"{path}/close").status_code == 204  # closing twice: no-op

    closed = chat.p1.client.call("GET", path)
    assert (closed["status"], closed["canReply"]) == ("closed", False)
    assert closed["closedAt"] is not None
    assert reply(chat.p1, thread["id"], status=409)["code"] == "thread_closed"
    assert chat.d1.client.call("GET", path)["canReply"] is True

    reply(chat.d1, thread["id"])
    reopened = chat.p1.client.call("GET", path)
    assert (reopened["status"], reopened["closedAt"], reopened["canReply"]) == ("open", None, True)
    reply(chat.p1, thread["id"])
    assert [m["sender"] for m in chat.d1.client.call("GET", path)["messages"]] == [
        "patient", "clinic", "doctor", "patient",
    ]  # fmt: skip


def test_reading_a_thread_marks_the_other_sides_messages_read(chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    path = f"/api/messages/threads/{thread['id']}"
    reply(chat.p1, thread["id"])
    assert (unread(chat.d1), unread(chat.p1)) == (2, 0)  # the automatic reply is never unread

    read = chat.d1.client.call("GET", path)
    assert unread(chat.d1) == 0
    assert all(m["readAt"] for m in read["messages"])
    answer = reply(chat.d1, thread["id"])
    assert answer["readAt"] is None and answer["mine"]
    assert (unread(chat.d1), unread(chat.p1)) == (0, 1)
    reply(chat.d1, thread["id"])
    assert unread(chat.p1) == 2
    chat.d1.client.call("GET", path)  # the doctor reading does not read for the patient
    assert unread(chat.p1) == 2
    seen = chat.p1.client.call("GET", path)["messages"]
    assert unread(chat.p1) == 0
    assert [m["readAt"] is not None for m in seen] == [True] * 5


def test_retract_within_the_window_while_unread(app: OpenAPI, chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    first = thread["messages"][0]
    path = f"/api/messages/threads/{thread['id']}"
    assert chat.d1.client.post(f"/api/messages/{first['id']}/retract").get_json()["code"] == (
        "not_sender"
    )
    assert unread(chat.d1) == 1

    retracted = chat.p1.client.call("POST", f"/api/messages/{first['id']}/retract")
    assert retracted["body"] is None and retracted["retractedAt"] is not None
    assert retracted["retractableUntil"] is None
    again = chat.p1.client.call("POST", f"/api/messages/{first['id']}/retract")
    assert again["retractedAt"] == retracted["retractedAt"]  # twice is once
    assert unread(chat.d1) == 0  # taken back unread: nothing to read
    for who in (chat.p1, chat.d1):
        shown = who.client.call("GET", path)["messages"][0]
        assert (shown["body"], shown["retractedAt"]) == (None, retracted["retractedAt"])
        assert first["body"] not in who.client.get(path).get_data(as_text=True)
    assert chat.p1.client.call("GET", path)["messages"][0]["readAt"] is None


def test_no_retraction_once_read(chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")
    mine = thread["messages"][0]["id"]
    refused = chat.p1.client.post(f"/api/messages/{mine}/retract")
    assert (refused.status_code, refused.get_json()["code"]) == (409, "message_already_read")
    seen = chat.p1.client.call("GET", f"/api/messages/threads/{thread['id']}")["messages"][0]
    assert seen["body"] == thread["messages"][0]["body"] and seen["retractableUntil"] is None


def test_no_retraction_after_the_window(app: OpenAPI, chat: Chat) -> None:
    app.config["MESSAGE_RETRACT_SECONDS"] = 60
    thread = start_thread(chat.p1, chat.d1)
    message = reply(chat.d1, thread["id"])
    until = message["retractableUntil"]
    assert until is not None
    with time_machine.travel(utcnow() + timedelta(seconds=61), tick=False):
        refused = chat.d1.client.post(f"/api/messages/{message['id']}/retract")
        assert (refused.status_code, refused.get_json()["code"]) == (409, "retract_too_late")
        shown = chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")
        assert shown["messages"][-1]["retractableUntil"] is None
    assert unread(chat.p1) == 1


def test_the_clinics_automatic_reply_cannot_be_retracted(chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    auto = thread["messages"][1]["id"]
    for who in (chat.p1, chat.d1):
        assert who.client.post(f"/api/messages/{auto}/retract").status_code == 403
