"""LOG-01, a session-wide plugin: no canary may reach a log line, an email outbox row's
payload, an `.eml` file in the outbox, or an error body, in any test.

Tests seed clinical text, reasons and notes with the prefix `CANARY` (see
tests/records/conftest.py `canary`, tests/security/world.py); the test passwords are
canaries too. Every record of the `clinic360` loggers and the root logger is formatted as
the app formats it (JSON), and kept only if it holds a canary, so the check is cheap. After
each test, the test's `tmp_path` (instance folders: `.eml` outbox) is searched as well.
Error responses (status ≥ 400) of the Flask test client are checked as they are made, and
so is every statement that writes the `email_outbox` table (its bound parameters: payload,
key, address), on every engine: message bodies and subjects, reasons and notes never go to
the outbox, whichever path writes it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.test import Client

from clinic360.core.logging import JsonFormatter
from tests.factories import ADMIN_PASSWORD, DEFAULT_PASSWORD

CANARIES = ("CANARY", DEFAULT_PASSWORD, ADMIN_PASSWORD)


def _leaks(text: str) -> list[str]:
    return [canary for canary in CANARIES if canary in text]


class _CanaryHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.hits: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "_canary_seen", False):  # reached both loggers
            return
        record._canary_seen = True
        try:
            line = self.format(record)
        except Exception:  # a broken record is the logging layer's problem, not a leak
            return
        if _leaks(line):
            self.hits.append(line)


_handler = _CanaryHandler()
_error_bodies: list[str] = []
_outbox_writes: list[str] = []
_original_open = Client.open


def _checked_open(self: Client, *args: Any, **kwargs: Any) -> Any:
    response = _original_open(self, *args, **kwargs)
    if response.status_code >= 400 and kwargs.get("buffered") is not False:
        body = response.get_data(as_text=True)
        if _leaks(body):
            _error_bodies.append(f"{response.status_code} {body[:300]}")
    return response


def _checked_outbox_write(
    _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
) -> None:
    if "email_outbox" not in statement or statement.lstrip()[:6].upper() not in (
        "INSERT",
        "UPDATE",
    ):
        return
    if _leaks(repr(parameters)):
        _outbox_writes.append(statement.split("(")[0][:60])


def pytest_configure(config: pytest.Config) -> None:
    for name in ("clinic360", ""):
        logging.getLogger(name).addHandler(_handler)
    Client.open = _checked_open  # type: ignore[method-assign]
    event.listen(Engine, "before_cursor_execute", _checked_outbox_write)


def pytest_unconfigure(config: pytest.Config) -> None:
    for name in ("clinic360", ""):
        logging.getLogger(name).removeHandler(_handler)
    Client.open = _original_open  # type: ignore[method-assign]
    event.remove(Engine, "before_cursor_execute", _checked_outbox_write)


@pytest.fixture(autouse=True)
def _no_canary_escapes(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails the test (at teardown) whose logs, outbox files or error bodies hold a canary."""
    folder: Path | None = None
    if "tmp_path" in request.fixturenames:
        folder = request.getfixturevalue("tmp_path")
    _handler.hits.clear()
    _error_bodies.clear()
    _outbox_writes.clear()
    yield
    problems = [f"log: {line[:300]}" for line in _handler.hits]
    problems += [f"error body: {body}" for body in _error_bodies]
    problems += [f"email outbox payload: {statement}" for statement in _outbox_writes]
    if folder is not None:
        for eml in folder.rglob("*.eml"):
            text = eml.read_text(errors="replace")
            problems += [f"outbox {eml.name}: {canary}" for canary in _leaks(text)]
    _handler.hits.clear()
    _error_bodies.clear()
    _outbox_writes.clear()
    assert not problems, "canaries escaped (LOG-01):\n" + "\n".join(problems[:10])
