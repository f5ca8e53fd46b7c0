"""Fixtures of the accounts tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.core.config import SETTINGS
from clinic360.core.db import db
from clinic360.outbox.models import OutboxEmail


@dataclass
class SentEmails:
    """The email outbox rows the app has committed."""

    app: OpenAPI

    def all(self) -> list[OutboxEmail]:
        with self.app.app_context():
            return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)))

    def of_kind(self, kind: str) -> list[OutboxEmail]:
        return [row for row in self.all() if row.kind == kind.lower()]


@pytest.fixture
def sent_emails(app: OpenAPI) -> SentEmails:
    return SentEmails(app)


def use_default_limits(app: OpenAPI) -> None:
    """The shipped throttle numbers (conftest relaxes the per-address ones for other suites)."""
    for setting in SETTINGS:
        if setting.name.startswith(("LOGIN_", "REGISTRATIONS_", "PASSWORD_RESETS_")):
            app.config[setting.name] = setting.parse(setting.default)
