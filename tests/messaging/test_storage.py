"""Messages are never deleted nor rewritten: the database refuses it (both databases)."""

from __future__ import annotations

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from clinic360.core.db import db
from clinic360.messaging.models import Message, MessageThread
from tests.messaging.conftest import Chat, start_thread


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM messages",
        "DELETE FROM message_threads",
        "UPDATE messages SET body = 'forged'",
        "UPDATE messages SET sender_id = NULL",
        "UPDATE messages SET created_at = read_at",
        "UPDATE messages SET read_at = NULL WHERE read_at IS NOT NULL",
        "UPDATE message_threads SET subject = 'forged'",
        "UPDATE message_threads SET patient_id = doctor_id",
    ],
)
def test_the_database_refuses(app: OpenAPI, chat: Chat, statement: str) -> None:
    start_thread(chat.p1, chat.d1)
    with app.app_context():
        before = db.session.execute(select(Message.body, Message.read_at)).all()
        with pytest.raises(DatabaseError), db.engine.begin() as conn:
            conn.execute(text(statement))
        db.session.rollback()
        assert db.session.execute(select(Message.body, Message.read_at)).all() == before
        assert db.session.scalar(select(MessageThread.subject)) is not None


def test_marking_read_and_retracted_is_allowed_once(app: OpenAPI, chat: Chat) -> None:
    start_thread(chat.p1, chat.d1)
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("UPDATE messages SET read_at = created_at WHERE read_at IS NULL"))
        conn.execute(text("UPDATE message_threads SET status = 'closed'"))
    # a read message cannot also be retracted (check constraint)
    with app.app_context(), pytest.raises(DatabaseError), db.engine.begin() as conn:
        conn.execute(text("UPDATE messages SET retracted_at = created_at"))


def test_no_route_deletes_a_message(chat: Chat) -> None:
    thread = start_thread(chat.p1, chat.d1)
    for path in (
        f"/api/messages/threads/{thread['id']}",
        f"/api/messages/{thread['messages'][0]['id']}/retract",
    ):
        assert chat.p1.client.delete(path).status_code == 405
