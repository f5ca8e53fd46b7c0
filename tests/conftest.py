"""Fixtures shared by every test.

`app` gives each test a fresh database, once on SQLite and once on PostgreSQL (a database
created for this test session on the server at 127.0.0.1:5432 and dropped at the end).
Tests that only make sense on one backend use the `sqlite_app` or `pg_app` fixtures.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
import redis
from flask_migrate import upgrade
from flask_openapi3 import OpenAPI
from sqlalchemy import text

from clinic360 import create_app
from clinic360.core.db import db
from tests.helpers import ApiClient

pytest_plugins = ["tests.canary"]

PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TEST_SECRET_KEY = "test-secret-key-" + "x" * 32


def base_settings(database_url: str) -> dict[str, str]:
    """Settings every test app starts from; tests override what they exercise."""
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "REDIS_URL": "",
        "DOCTOR_APPROVAL": "auto",
        "LOG_LEVEL": "INFO",
        # Every test client comes from 127.0.0.1: per-address caps would trip suites that
        # register many users. tests/accounts/test_throttle.py checks the real defaults.
        "REGISTRATIONS_PER_ADDRESS_HOUR": "100000",
        "LOGIN_ATTEMPTS_PER_ADDRESS_HOUR": "100000",
        # Two-factor sign-in is optional here; tests/accounts/test_mfa.py turns the
        # requirement on (the shipped default is doctor,admin).
        "MFA_REQUIRED_ROLES": "",
    }


def make_app(database_url: str, instance_path: Path, **overrides: str) -> OpenAPI:
    app = create_app({**base_settings(database_url), **overrides}, instance_path=instance_path)
    app.config["TESTING"] = True
    return app


def _migrate(database_url: str, instance_path: Path) -> None:
    app = make_app(database_url, instance_path)
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def pg_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PostgreSQL database for this test session, migrated from empty."""
    name = f"clinic360_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    _migrate(url, tmp_path_factory.mktemp("pg-migrate"))
    yield url
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.db"
    _migrate(f"sqlite:///{path}", folder)
    return path


def _truncate_all(app: OpenAPI) -> None:
    with app.app_context():
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        with db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database of this test's own, emptied before and after. Each pytest-xdist
    worker has its own database (1 + the worker's index; tests of one worker run one at a
    time), so a parallel run never empties another test's sessions or cache."""
    index = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    url = f"redis://127.0.0.1:6379/{1 + index % 12}"  # 13 and 14: live events and load tests
    redis.Redis.from_url(url).flushdb()
    yield url
    redis.Redis.from_url(url).flushdb()


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "clinic360.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_app(sqlite_url: str, tmp_path: Path) -> Iterator[OpenAPI]:
    app = make_app(sqlite_url, tmp_path / "instance")
    yield app
    _dispose(app)


@pytest.fixture
def pg_app(pg_database_url: str, tmp_path: Path) -> Iterator[OpenAPI]:
    app = make_app(pg_database_url, tmp_path / "instance")
    _truncate_all(app)
    yield app
    _dispose(app)


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest) -> OpenAPI:
    """The app on a fresh database: each test using it runs on SQLite and on PostgreSQL."""
    fixture = "sqlite_app" if request.param == "sqlite" else "pg_app"
    application: OpenAPI = request.getfixturevalue(fixture)
    return application


def _dispose(app: OpenAPI) -> None:
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: OpenAPI) -> ApiClient:
    return ApiClient(app)


@pytest.fixture
def new_client(app: OpenAPI) -> Callable[[], ApiClient]:
    """Factory for more browsers (each with its own cookies) on the same app."""
    return lambda: ApiClient(app)
