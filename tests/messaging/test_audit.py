"""Every read of a thread and every write is in the patient's access log, in the same
transaction: when the log cannot be written, nothing is shown and nothing changes (503)."""

from __future__ import annotations

from collections.abc import Callable

from flask_openapi3 import OpenAPI
from sqlalchemy import func, select

from clinic360.core.db import db
from clinic360.messaging.models import Message, MessageThread
from tests.faults import audit_insert_fails
from tests.messaging.conftest import Chat, canary, reply, start_thread, unread


def test_reads_and_writes_land_in_the_patients_log(
    chat: Chat, audit_count: Callable[..., int]
) -> None:
    p1, d1 = chat.p1, chat.d1
    thread = start_thread(p1, d1)
    path = f"/api/messages/threads/{thread['id']}"
    d1.client.call("GET", "/api/messages/threads")
    d1.client.call("GET", path)
    answer = reply(d1, thread["id"])
    d1.client.call("POST", f"/api/messages/{answer['id']}/retract")
    p1.client.call("GET", path)
    unread(p1), unread(d1)  # counts read no message: not logged
    d1.client.call("POST", f"{path}/close", status=204)  # changes no message: not logged

    expected = {
        ("message.write", p1.id): 1,
        ("message.list_threads", d1.id): 1,
        ("message.read_thread", d1.id): 1,
        ("message.write", d1.id): 2,  # the reply and its retraction
        ("message.read_thread", p1.id): 1,  # the patient's own read, as for records
    }
    for (action, actor), count in expected.items():
        assert audit_count(action=action, actor_id=actor, patient_id=p1.id) == count, action
    assert audit_count() == sum(expected.values())

    log = p1.client.call("GET", "/api/access-log")
    assert [e["description"] for e in log][:3] == [
        "A message thread — read",
        "A message thread — written in",
        "A message thread — written in",
    ]
    assert "CANARY" not in p1.client.get("/api/access-log/groups").get_data(as_text=True)


def test_no_log_no_message(app: OpenAPI, chat: Chat, audit_count: Callable[..., int]) -> None:
    """Fail closed: each call answers 503 `audit_unavailable`, shows nothing, changes nothing."""
    thread = start_thread(chat.p1, chat.d1)
    path = f"/api/messages/threads/{thread['id']}"
    mine = thread["messages"][0]
    before = audit_count()
    calls = {
        "start": lambda: chat.p1.client.post(
            "/api/messages/threads",
            json={"doctorId": chat.d1.id, "subject": canary("S"), "body": canary("B")},
        ),
        "read": lambda: chat.d1.client.get(path),
        "list": lambda: chat.d1.client.get("/api/messages/threads"),
        "reply": lambda: chat.d1.client.post(f"{path}/messages", json={"body": canary("R")}),
        "retract": lambda: chat.p1.client.post(f"/api/messages/{mine['id']}/retract"),
    }
    with audit_insert_fails(app):
        for name, call in calls.items():
            response = call()
            assert response.status_code == 503, name
            assert response.get_json()["code"] == "audit_unavailable", name
            assert "CANARY" not in response.get_data(as_text=True), name
    assert audit_count() == before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MessageThread)) == 1
        assert db.session.scalar(select(func.count()).select_from(Message)) == 2
        assert (
            db.session.scalar(select(Message.retracted_at).where(Message.id == mine["id"])) is None
        )
    assert unread(chat.d1) == 1  # the failed read marked nothing read
