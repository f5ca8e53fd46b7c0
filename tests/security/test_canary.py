"""The LOG-01 plugin (tests/canary.py) sees what it must see."""

from __future__ import annotations

import logging

from flask_openapi3 import OpenAPI

from clinic360.core.db import transaction
from clinic360.outbox.enqueue import enqueue_email
from clinic360.outbox.models import EmailKind
from tests import canary
from tests.factories import register
from tests.helpers import ApiClient


def test_plugin_catches_a_canary_in_a_log_line() -> None:
    logging.getLogger("clinic360.selftest").warning("oops", extra={"note": "CANARY-selftest"})
    logging.getLogger("clinic360.selftest").warning("fine", extra={"note": "nothing secret"})
    caught = list(canary._handler.hits)
    canary._handler.hits.clear()  # this test's leak is on purpose
    assert len(caught) == 1 and "CANARY-selftest" in caught[0]


def test_plugin_catches_a_canary_in_an_outbox_payload(app: OpenAPI) -> None:
    user = register(ApiClient(app))
    with app.app_context(), transaction() as session:
        enqueue_email(
            session,
            kind=EmailKind.MESSAGE_RECEIVED,
            recipient_id=user["id"],
            idempotency_key="selftest:1",
            params={"threadId": "1", "note": "CANARY-selftest"},
        )
        enqueue_email(
            session,
            kind=EmailKind.MESSAGE_RECEIVED,
            recipient_id=user["id"],
            idempotency_key="selftest:2",
            params={"threadId": "2"},
        )
    caught = list(canary._outbox_writes)
    canary._outbox_writes.clear()  # this test's leak is on purpose
    assert len(caught) == 1 and "email_outbox" in caught[0]
