"""Migration 0300 (front desk, #21): names get their search key, the role and status CHECKs
widen and narrow again, staff become suspended patients on the way down. Both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clinic360.core.db import db
from tests.conftest import make_app
from tests.core.test_specialization_migration import empty_database  # noqa: F401

BEFORE = "0250_documents"


def _insert(username: str, role: str, full_name: str) -> None:
    db.session.execute(
        text(
            "INSERT INTO users (username, email, email_key, full_name, role, timezone, "
            "approved, password_hash, session_epoch, created_at, updated_at) "
            "VALUES (:u, :e, :e, :n, :r, 'UTC', :a, 'x', 0, :now, :now)"
        ),
        {"u": username, "e": f"{username}@example.org", "n": full_name, "r": role, "a": True,
         "now": "2026-01-01 00:00:00"},
    )  # fmt: skip


def test_front_desk_up_and_down(empty_database: str, tmp_path: Path) -> None:  # noqa: F811
    app = make_app(empty_database, tmp_path / "instance")
    with app.app_context():
        upgrade(revision=BEFORE)
        _insert("zoe", "patient", "  ZOË   Ångström ")
        db.session.commit()
        with pytest.raises(IntegrityError):
            _insert("desk0", "receptionist", "Desk")
        db.session.rollback()

        upgrade()
        keys = dict(db.session.execute(text("SELECT username, name_key FROM users")).all())
        assert keys == {"zoe": "zoë ångström"}
        _insert("desk", "receptionist", "Front Desk")
        _insert("boss", "manager", "Manager")
        db.session.commit()
        with pytest.raises(IntegrityError):
            _insert("nobody", "janitor", "Nobody")
        db.session.rollback()

        downgrade(revision=BEFORE)
        rows = db.session.execute(
            text("SELECT username, role, suspended_at IS NOT NULL FROM users ORDER BY username")
        ).all()
        assert [(r[0], r[1], bool(r[2])) for r in rows] == [
            ("boss", "patient", True),
            ("desk", "patient", True),
            ("zoe", "patient", False),
        ]
        with pytest.raises(IntegrityError):
            _insert("desk2", "receptionist", "Desk")
        db.session.rollback()
        upgrade()
        db.session.commit()
        db.engine.dispose()
