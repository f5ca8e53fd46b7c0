"""AC-03 over message ids: a patient and a doctor walk every thread and message id; only
their own ever answers, anyone else's reads exactly like a missing one, and nothing of it
changes."""

from __future__ import annotations

from flask_openapi3 import OpenAPI

from tests.messaging.conftest import (
    AddAppointment,
    Chat,
    accept_messages,
    attach,
    reply,
    send_attachment,
    start_thread,
    unread,
)


def test_walking_every_id(app: OpenAPI, chat: Chat, add_appointment: AddAppointment) -> None:
    app.config["MESSAGES_PER_SENDER_HOUR"] = 10_000  # the walk posts to every id
    p2, d2 = chat.people.p2, chat.people.d2
    add_appointment(p2, d2)
    accept_messages(d2)
    theirs = [start_thread(chat.p1, chat.d1) for _ in range(2)]
    reply(chat.d1, theirs[0]["id"])
    attach(chat.p1, theirs[0]["id"])
    own = start_thread(p2, d2)
    secrets = [m["body"] for t in theirs for m in t["messages"][:1]] + [
        t["subject"] for t in theirs
    ]
    top = own["messages"][-1]["id"] + 20
    missing_thread = p2.client.get("/api/messages/threads/987654").get_json()

    own_messages = {m["id"] for m in own["messages"]}
    for who in (p2, d2):
        for i in range(1, top):
            calls = [who.client.get(f"/api/messages/{i}/attachment")]  # own ones have none
            if i not in own_messages:
                calls.append(who.client.post(f"/api/messages/{i}/retract"))
            if i != own["id"]:
                calls += [
                    who.client.get(f"/api/messages/threads/{i}"),
                    who.client.post(f"/api/messages/threads/{i}/messages", json={"body": "hi"}),
                    send_attachment(who, i, body="hi"),
                ]
            if who is d2 and i != own["id"]:
                calls += [
                    who.client.post(f"/api/messages/threads/{i}/close"),
                    who.client.put(f"/api/messages/threads/{i}/block", json={"reason": "x"}),
                    who.client.delete(f"/api/messages/threads/{i}/block"),
                ]
            for response in calls:
                text = response.get_data(as_text=True)
                assert not any(secret in text for secret in secrets), (i, text[:200])
                assert response.status_code == 404, (i, response.request.path, text[:200])
                assert response.get_json() == missing_thread, (i, response.request.path)

    for thread in theirs:  # nothing of P1's changed
        seen = chat.p1.client.call("GET", f"/api/messages/threads/{thread['id']}")
        assert seen["status"] == "open" and seen["block"] is None
        assert [m["retractedAt"] for m in seen["messages"]] == [None] * len(seen["messages"])
    assert unread(chat.d1) == 3  # two first messages and the file
