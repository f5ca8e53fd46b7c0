from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask_openapi3 import OpenAPI

from tests.notifications.smtp import SmtpServer


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_app(app: OpenAPI, smtp_server: SmtpServer) -> Iterator[OpenAPI]:
    """The app (SQLite and PostgreSQL) sending through the test SMTP server, in context."""
    app.config.update(smtp_server.settings(), SMTP_TIMEOUT_SECONDS=5)
    with app.app_context():
        yield app
