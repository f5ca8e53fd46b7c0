"""Starting, listing and reading threads: who may write to whom (the care rule), the
automatic first reply, and what a message may hold."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask_openapi3 import OpenAPI

from tests.factories import Party, admin_party, new_party
from tests.helpers import ApiClient
from tests.messaging.conftest import (
    AddAppointment,
    Chat,
    People,
    accept_messages,
    canary,
    reply,
    start_thread,
)


def test_a_patient_writes_and_the_clinic_answers_at_once(app: OpenAPI, chat: Chat) -> None:
    app.config.update(MESSAGE_RESPONSE_TIME_TEXT="within 3 working days")
    app.config.update(CLINIC_EMERGENCY_LINE="+49 30 112 112")
    subject, body = canary("SUBJECT"), canary("BODY") + "\n\tsecond line"
    thread = start_thread(chat.p1, chat.d1, subject=subject, body=body)

    assert thread["subject"] == subject
    assert thread["status"] == "open"
    assert (thread["patient"]["id"], thread["doctor"]["id"]) == (chat.p1.id, chat.d1.id)
    first, auto = thread["messages"]
    assert (first["sender"], first["mine"], first["body"]) == ("patient", True, body)
    assert first["retractableUntil"] is not None
    assert auto["sender"] == "clinic" and not auto["mine"]
    assert "within 3 working days" in auto["body"]
    assert "not for emergencies" in auto["body"] and "+49 30 112 112" in auto["body"]
    assert chat.d1.user["fullName"] in auto["body"]
    assert auto["readAt"] is not None  # shown with the answer: never counts as unread
    assert thread["canReply"] is True

    seen = chat.d1.client.call("GET", f"/api/messages/threads/{thread['id']}")
    assert [m["body"] for m in seen["messages"]] == [body, auto["body"]]
    assert [m["sender"] for m in seen["messages"]] == ["patient", "clinic"]


def test_listing_shows_subject_other_party_last_time_and_unread(chat: Chat) -> None:
    older = start_thread(chat.p1, chat.d1)
    newer = start_thread(chat.p1, chat.d1)
    listed = chat.d1.client.get("/api/messages/threads")
    assert listed.status_code == 200 and listed.headers["X-Total-Count"] == "2"
    items = listed.get_json()
    assert [t["id"] for t in items] == [newer["id"], older["id"]]
    assert [t["unread"] for t in items] == [1, 1]
    assert items[0]["patient"]["fullName"] == chat.p1.user["fullName"]
    reply(chat.d1, older["id"])
    mine = chat.p1.client.call("GET", "/api/messages/threads")
    assert [(t["id"], t["unread"]) for t in mine] == [(older["id"], 1), (newer["id"], 0)]
    assert mine[0]["doctor"]["specialization"] == "Cardiology"


def test_no_care_relationship_no_message(chat: Chat) -> None:
    people = chat.people
    accept_messages(people.d2)
    refused = start_thread(people.p1, people.d2, status=403)
    assert refused["code"] == "messaging_not_allowed"
    unknown = start_thread(people.p1, Party(chat.p1.client, {"id": 987654}), status=403)
    assert unknown == refused  # a missing doctor reads the same
    assert people.p1.client.call("GET", "/api/messages/doctors") == [
        {
            "id": chat.d1.id,
            "fullName": chat.d1.user["fullName"],
            "specialization": "Cardiology",
            "blockedReason": None,
        }
    ]


def test_a_doctor_who_does_not_accept_messages_gets_none(chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    accept_messages(chat.d1, False)
    assert start_thread(chat.p1, chat.d1, status=403)["code"] == "messaging_not_allowed"
    assert reply(chat.p1, thread["id"], status=403)["code"] == "messaging_not_allowed"
    assert chat.p1.client.call("GET", "/api/messages/doctors") == []
    reply(chat.d1, thread["id"])  # the doctor still answers what was asked
    assert chat.p1.client.call("GET", f"/api/messages/threads/{thread['id']}")["canReply"] is False


def test_accepting_messages_is_off_by_default_and_only_for_doctors(people: People) -> None:
    doctor = people.d1.client.call("GET", "/api/user")
    assert (doctor["acceptsMessages"], doctor["messageDigest"]) == (False, False)
    refused = people.p1.client.put("/api/user", json={"acceptsMessages": True})
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"acceptsMessages": "only doctors have this field"}
    changed = people.d1.client.call("PUT", "/api/user", {"messageDigest": True})
    assert (changed["acceptsMessages"], changed["messageDigest"]) == (False, True)


def test_when_care_ends_the_patient_keeps_reading_and_the_doctor_loses_the_thread(
    chat: Chat, set_status: Callable[[int, str], None], add_appointment: AddAppointment
) -> None:
    """Messages follow the care rule as records do: cancelling the last appointment ends the
    doctor's access and the patient's writing at once; the patient still reads their own."""
    thread = start_thread(chat.p1, chat.d1)
    path = f"/api/messages/threads/{thread['id']}"
    set_status(chat.appointment_id, "cancelled")

    assert start_thread(chat.p1, chat.d1, status=403)["code"] == "messaging_not_allowed"
    assert reply(chat.p1, thread["id"], status=403)["code"] == "messaging_not_allowed"
    own = chat.p1.client.call("GET", path)
    assert own["canReply"] is False and len(own["messages"]) == 2
    missing = chat.d1.client.get("/api/messages/threads/987654").get_json()
    for response in (
        chat.d1.client.get(path),
        chat.d1.client.post(f"{path}/messages", json={"body": "hello"}),
        chat.d1.client.post(f"{path}/close"),
        chat.d1.client.put(f"{path}/block", json={"reason": "no"}),
    ):
        assert response.status_code == 404
        assert response.get_json() == missing
    assert chat.d1.client.call("GET", "/api/messages/threads") == []
    assert chat.d1.client.call("GET", "/api/messages/unread") == {"count": 0}

    add_appointment(chat.p1, chat.d1)  # a new appointment brings the thread back
    assert chat.d1.client.call("GET", path)["id"] == thread["id"]


def test_roles_without_messages(
    app: OpenAPI, chat: Chat, new_client: Callable[[], ApiClient]
) -> None:
    thread = start_thread(chat.p1, chat.d1)
    app.config["DOCTOR_APPROVAL"] = "required"
    pending = new_party(new_client(), "doctor")
    admin = admin_party(app)
    one = f"/api/messages/threads/{thread['id']}"
    for path in ("/api/messages/threads", "/api/messages/unread", one):
        assert pending.client.get(path).get_json()["code"] == "doctor_not_approved", path
        assert admin.client.get(path).get_json()["code"] == "forbidden", path
    assert chat.d1.client.get("/api/messages/doctors").status_code == 403
    assert start_thread(chat.d1, chat.d1, status=403)["code"] == "forbidden"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("subject", "two\nlines", "subject"),
        ("subject", "x" * 121, "subject"),
        ("subject", "   ", "subject"),
        ("body", "   \n\t ", "body"),
        ("body", "", "body"),
        ("body", "bell\x07", "body"),
        ("body", "nul\x00", "body"),
        ("body", "bidi\u202eoverride", "body"),
        ("body", "x" * 41, "body"),
    ],
)
def test_bad_subjects_and_bodies_are_refused(
    app: OpenAPI, chat: Chat, field: str, value: str, problem: str
) -> None:
    app.config["MESSAGE_MAX_CHARS"] = 40
    refused = start_thread(chat.p1, chat.d1, status=422, **{field: value})
    assert problem in refused["errors"]
    assert chat.p1.client.call("GET", "/api/messages/threads") == []


def test_line_breaks_are_kept_as_newlines_and_the_limit_is_a_setting(
    app: OpenAPI, chat: Chat
) -> None:
    app.config["MESSAGE_MAX_CHARS"] = 40
    thread = start_thread(chat.p1, chat.d1, body="first\r\nsecond\rthird\tcolumn")
    assert thread["messages"][0]["body"] == "first\nsecond\nthird\tcolumn"
    assert reply(chat.d1, thread["id"], body="y" * 40)["body"] == "y" * 40
    assert reply(chat.d1, thread["id"], body="y" * 41, status=422)["errors"]["body"]
