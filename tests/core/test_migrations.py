"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_openapi3 import OpenAPI
from sqlalchemy import text

from clinic360.core.db import db


def test_models_match_migrations(app: OpenAPI) -> None:
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    # Expression indexes (lower(username)) cannot be reflected on SQLite; ignore index noise.
    assert [d for d in diff if d[0] not in {"add_index", "remove_index"}] == []


def test_postgres_forbids_overlapping_appointments(pg_app: OpenAPI) -> None:
    with pg_app.app_context(), db.engine.connect() as conn:
        names = set(
            conn.scalars(
                text(
                    "SELECT conname FROM pg_constraint "
                    "WHERE conrelid = 'appointments'::regclass AND contype = 'x'"
                )
            )
        )
    assert names == {"no_overlap_per_doctor", "no_overlap_per_patient"}
