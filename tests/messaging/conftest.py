"""Fixtures for the messages tests: P1 in D1's care, D1 accepting messages.

People and appointments come from tests/records/conftest.py (the same cast and the same
ORM-inserted appointments, so a test can cancel the care relationship at once).
Message bodies and subjects are canaries (`canary`): the plugin of tests/canary.py fails a
test whose logs, outbox payloads, emails or error bodies hold one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.db import db
from clinic360.outbox.models import OutboxEmail
from tests.factories import TINY_PDF, Party, send_message_file
from tests.helpers import ApiClient
from tests.records.conftest import (  # noqa: F401  (shared fixtures)
    AddAppointment,
    People,
    add_appointment,
    audit_count,
    canary,
    log_lines,
    people,
    person,
    set_status,
)


def accept_messages(doctor: Party[ApiClient], accepts: bool = True, **more: Any) -> None:
    doctor.client.call("PUT", "/api/user", {"acceptsMessages": accepts, **more})


def start_thread(
    patient: Party[ApiClient], doctor: Party[ApiClient], *, status: int = 201, **fields: Any
) -> Any:
    """P writes to D: a new thread (the answer's JSON, whatever `status` it must have)."""
    body = {
        "doctorId": doctor.id,
        "subject": fields.pop("subject", canary("SUBJECT")),
        "body": fields.pop("body", canary("BODY")),
        **fields,
    }
    return patient.client.call("POST", "/api/messages/threads", body, status=status)


def send_new_thread_file(
    patient: Party[ApiClient], doctor: Party[ApiClient], *, data: bytes = TINY_PDF,
    name: str = "scan.pdf", **fields: Any,
) -> Any:  # fmt: skip
    """P writes to D with a file: a new thread (multipart); the test response (any status)."""
    form = {"doctorId": doctor.id, "subject": fields.pop("subject", canary("SUBJECT")), **fields}
    return send_message_file(
        patient.client,
        "/api/messages/threads/attachments",
        data=data,
        name=name,
        body=form.pop("body", canary("BODY")),
        fields=form,
    )


def reply(who: Party[ApiClient], thread_id: int, *, status: int = 201, body: str = "") -> Any:
    text = body or canary("REPLY")
    return who.client.call(
        "POST", f"/api/messages/threads/{thread_id}/messages", {"body": text}, status=status
    )


def send_attachment(
    who: Party[ApiClient], thread_id: int, *, data: bytes = TINY_PDF, name: str = "scan.pdf",
    body: str | None = None,
) -> Any:  # fmt: skip
    """POST a reply with a file (multipart); the test response (any status)."""
    return send_message_file(
        who.client,
        f"/api/messages/threads/{thread_id}/attachments",
        data=data,
        name=name,
        body=canary("ATTACHED") if body is None else body,
    )


def attach(who: Party[ApiClient], thread_id: int, **form: Any) -> Any:
    """A reply with a file that must be accepted; the message's JSON."""
    response = send_attachment(who, thread_id, **form)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def unread(who: Party[ApiClient]) -> int:
    return int(who.client.call("GET", "/api/messages/unread")["count"])


def outbox_rows(app: OpenAPI, kind: str | None = None) -> list[OutboxEmail]:
    with app.app_context():
        query = select(OutboxEmail).order_by(OutboxEmail.id)
        if kind is not None:
            query = query.where(OutboxEmail.kind == kind)
        return list(db.session.scalars(query))


@dataclass
class Chat:
    """P1 in D1's care (one appointment), D1 accepting messages; P2 and D2 strangers."""

    people: People
    appointment_id: int

    @property
    def p1(self) -> Party[ApiClient]:
        return self.people.p1

    @property
    def d1(self) -> Party[ApiClient]:
        return self.people.d1


@pytest.fixture
def chat(people: People, add_appointment: AddAppointment) -> Chat:  # noqa: F811
    appointment_id = add_appointment(people.p1, people.d1)
    accept_messages(people.d1)
    return Chat(people, appointment_id)
