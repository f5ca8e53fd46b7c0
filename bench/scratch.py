"""A scratch PostgreSQL database with the app on it, migrated from empty, dropped after: for
the benchmarks that time one service function in-process (bench_reminders, bench_waitlist)."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from flask_migrate import upgrade
from flask_openapi3 import OpenAPI

from clinic360 import create_app
from clinic360.core.db import db

ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_app(prefix: str, **settings: str) -> Iterator[OpenAPI]:
    """The app (in an app context) on a new, migrated database named `prefix` + random."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = "postgresql+psycopg://" + ADMIN_URL.split("://", 1)[1].rsplit("/", 1)[0] + f"/{name}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            # Seeding inserts up to a million rows in one statement: no 10 s statement
            # timeout here (a seed once hit it on a busy machine); the runs are timed instead.
            config = {"DATABASE_URL": url, "REDIS_URL": "", "LOG_LEVEL": "WARNING",
                      "SECRET_KEY": "bench-" + "x" * 40, "DB_STATEMENT_TIMEOUT_MS": "900000",
                      **settings}  # fmt: skip
            app = create_app(config, instance_path=Path(folder))
            with app.app_context():
                upgrade()
                try:
                    yield app
                finally:
                    db.session.remove()
                    db.engine.dispose()
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
