"""Rate limits per sender, and a doctor blocking a patient (with a reason the patient sees)."""

from __future__ import annotations

from flask_openapi3 import OpenAPI

from tests.messaging.conftest import Chat, reply, start_thread

REASON = "Please call the practice for anything about your treatment."


def test_each_sender_has_an_hourly_quota(app: OpenAPI, chat: Chat) -> None:
    app.config["MESSAGES_PER_SENDER_HOUR"] = 3
    thread = start_thread(chat.p1, chat.d1)
    reply(chat.p1, thread["id"])
    reply(chat.p1, thread["id"])
    refused = chat.p1.client.post(
        f"/api/messages/threads/{thread['id']}/messages", json={"body": "one more"}
    )
    assert refused.status_code == 429 and refused.get_json()["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) > 0
    assert start_thread(chat.p1, chat.d1, status=429)["code"] == "rate_limited"
    reply(chat.d1, thread["id"])  # the doctor's quota is their own
    assert len(chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")["messages"]) == 5


def test_a_blocked_patient_is_told_why(chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    path = f"/api/messages/threads/{thread['id']}/block"
    assert chat.p1.client.put(path, json={"reason": "no"}).get_json()["code"] == "forbidden"
    assert chat.people.d2.client.put(path, json={"reason": "no"}).status_code == 404
    assert chat.d1.client.put(path, json={"reason": "two\nlines"}).status_code == 422

    block = chat.d1.client.call("PUT", path, {"reason": REASON})
    assert block["reason"] == REASON
    for refused in (
        reply(chat.p1, thread["id"], status=403),
        start_thread(chat.p1, chat.d1, status=403),
    ):
        assert (refused["code"], refused["reason"]) == ("messaging_blocked", REASON)
    shown = chat.p1.client.call("GET", f"/api/messages/threads/{thread['id']}")
    assert (shown["block"]["reason"], shown["canReply"]) == (REASON, False)
    (doctor,) = chat.p1.client.call("GET", "/api/messages/doctors")
    assert doctor["blockedReason"] == REASON
    reply(chat.d1, thread["id"])  # the doctor may still write

    assert chat.d1.client.delete(path).status_code == 204
    assert chat.d1.client.delete(path).status_code == 204  # unblocking twice: no-op
    reply(chat.p1, thread["id"])
    assert chat.p1.client.call("GET", "/api/messages/doctors")[0]["blockedReason"] is None
