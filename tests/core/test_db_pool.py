"""PostgreSQL connection pool: a connection that sat idle is pinged before use and replaced
when dead; one just handed back is used without the extra round trip (DB_PING_IDLE_SECONDS)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import text

from clinic360.core.db import db
from tests.conftest import PG_ADMIN_URL, make_app
from tests.helpers import ApiClient


def _app(pg_database_url: str, tmp_path: Path, idle_seconds: str) -> Iterator[OpenAPI]:
    app = make_app(pg_database_url, tmp_path / "instance", DB_PING_IDLE_SECONDS=idle_seconds)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def pinging_app(pg_database_url: str, tmp_path: Path) -> Iterator[OpenAPI]:
    yield from _app(pg_database_url, tmp_path, "0")


@pytest.fixture
def trusting_app(pg_database_url: str, tmp_path: Path) -> Iterator[OpenAPI]:
    yield from _app(pg_database_url, tmp_path, "3600")


def _backend_pid(app: OpenAPI) -> int:
    """The server process behind the pooled connection (handed back to the pool after)."""
    with app.app_context():
        pid = db.session.scalar(text("SELECT pg_backend_pid()"))
        db.session.remove()
    assert isinstance(pid, int)
    return pid


def _count_pings(app: OpenAPI, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    pings: list[Any] = []
    with app.app_context():
        dialect = db.engine.dialect
    original = dialect.do_ping

    def counting(dbapi_connection: Any) -> bool:
        pings.append(dbapi_connection)
        return bool(original(dbapi_connection))

    monkeypatch.setattr(dialect, "do_ping", counting)
    return pings


def test_a_dead_idle_connection_is_replaced_before_the_request_uses_it(
    pinging_app: OpenAPI,
) -> None:
    client = ApiClient(pinging_app)
    client.call("GET", "/api/specializations", status=200)
    dead = _backend_pid(pinging_app)
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [dead])

    client.call("GET", "/api/specializations", status=200)
    assert _backend_pid(pinging_app) != dead


def test_a_connection_just_handed_back_is_used_without_a_ping(
    trusting_app: OpenAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ApiClient(trusting_app)
    client.call("GET", "/api/specializations", status=200)  # opens the pooled connection
    pings = _count_pings(trusting_app, monkeypatch)
    for _ in range(3):
        client.call("GET", "/api/specializations", status=200)
    assert pings == []


def test_an_idle_connection_is_pinged(
    pinging_app: OpenAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ApiClient(pinging_app)
    client.call("GET", "/api/specializations", status=200)
    pings = _count_pings(pinging_app, monkeypatch)
    client.call("GET", "/api/specializations", status=200)
    assert len(pings) >= 1
