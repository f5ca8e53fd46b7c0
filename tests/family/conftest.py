"""Fixtures for family access: a guardian (parent), a stranger, an open doctor.

Reasons, diagnoses and message bodies are canaries (tests/records/conftest.py): the log
check of that conftest fails a test whose logs hold one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.audit.models import AccessEvent
from clinic360.core.db import db
from clinic360.outbox.models import OutboxEmail
from tests.factories import Party, open_doctor
from tests.helpers import ApiClient
from tests.records.conftest import canary, log_lines, person  # noqa: F401  (shared fixtures)


@pytest.fixture
def doctor(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return open_doctor(new_client())


def access_rows(app: OpenAPI, patient_id: int) -> list[tuple[int, str, int | None]]:
    """The patient's access-log rows, oldest first: (actor, action, on behalf of)."""
    with app.app_context():
        rows = db.session.execute(
            select(AccessEvent.actor_id, AccessEvent.action, AccessEvent.on_behalf_of_id)
            .where(AccessEvent.patient_id == patient_id)
            .order_by(AccessEvent.id)
        ).all()
        return [tuple(row) for row in rows]  # type: ignore[misc]


def outbox(app: OpenAPI, kind: str) -> list[OutboxEmail]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(OutboxEmail).where(OutboxEmail.kind == kind).order_by(OutboxEmail.id)
            )
        )


def latest(app: OpenAPI, kind: str) -> Any:
    rows = outbox(app, kind)
    assert rows, f"no {kind} email"
    return rows[-1]
