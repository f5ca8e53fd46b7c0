"""`transaction(write=False)` continues a request's read-only transaction, never one that
wrote: those writes are committed first, as before a write (both databases)."""

from __future__ import annotations

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import event, select, update

from clinic360.accounts.models import User
from clinic360.core.db import db, transaction
from tests.factories import register
from tests.helpers import ApiClient


def test_a_read_continues_a_read_only_transaction(app: OpenAPI, client: ApiClient) -> None:
    user_id = register(client, "patient")["id"]
    begun: list[object] = []

    def on_begin(connection: object) -> None:
        begun.append(connection)

    with app.test_request_context():
        event.listen(db.engine, "begin", on_begin)
        try:
            assert db.session.get(User, user_id) is not None  # opens a transaction
            with transaction(write=False) as session:
                assert session.scalar(select(User.id).where(User.id == user_id)) == user_id
            assert not db.session().in_transaction()  # ended by the read
        finally:
            event.remove(db.engine, "begin", on_begin)
        assert len(begun) == 1


@pytest.mark.parametrize("how", ["core", "flush"])
def test_writes_before_a_read_are_committed_even_when_it_fails(
    app: OpenAPI, client: ApiClient, how: str
) -> None:
    user_id = register(client, "patient")["id"]
    with app.test_request_context():
        if how == "core":
            db.session.execute(update(User).where(User.id == user_id).values(full_name="Core"))
        else:
            user = db.session.get(User, user_id)
            assert user is not None
            user.full_name = "Core"
            db.session.flush()
        with pytest.raises(LookupError), transaction(write=False):
            raise LookupError  # the read fails
        db.session.rollback()
        db.session.expire_all()
        assert db.session.scalar(select(User.full_name).where(User.id == user_id)) == "Core"
