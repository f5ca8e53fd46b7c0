"""Migration 0160 turns the doctors' free-text specializations into the managed list: one entry
per spelling group (case and spacing ignored), named by the most common spelling, title case
on a tie; every doctor points at their entry. Run on SQLite and PostgreSQL, up and down."""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clinic360.core.db import db
from tests.conftest import PG_ADMIN_URL, make_app

BEFORE = "0150_schedule_date_ranges"
DOCTORS = {
    "neurology": "neurology",
    "neuro2": "Neurology",
    "neuro3": "Neurology ",
    "neuro4": "  NEUROLOGY",
    "cardio1": "cardiology",
    "cardio2": "CARDIOLOGY",
    "ent1": "Ear,  nose and throat",
    "derm1": "Dermatology",
    "blank1": "   ",
    "none1": None,
}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind (not the session's migrated one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migration.db'}"
        return
    name = f"clinic360_migration_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _insert_doctor(username: str, specialization: str | None) -> None:
    db.session.execute(
        text(
            "INSERT INTO users (username, email, email_key, full_name, role, timezone, "
            "specialization, approved, password_hash, session_epoch, created_at, updated_at) "
            "VALUES (:u, :e, :e, :u, 'doctor', 'UTC', :s, :a, 'x', 0, :now, :now)"
        ),
        {
            "u": username,
            "e": f"{username}@example.org",
            "s": specialization,
            "a": True,
            "now": "2026-01-01 00:00:00",
        },
    )


def test_free_text_becomes_one_entry_per_spelling_group(
    empty_database: str, tmp_path: Path
) -> None:
    app = make_app(empty_database, tmp_path / "instance")
    with app.app_context():
        upgrade(revision=BEFORE)
        for username, specialization in DOCTORS.items():
            _insert_doctor(username, specialization)
        db.session.commit()

        upgrade()

        entries = db.session.execute(
            text("SELECT id, name, name_key, active FROM specializations ORDER BY name_key")
        ).all()
        assert [(e.name, e.name_key, bool(e.active)) for e in entries] == [
            ("Cardiology", "cardiology", True),  # a tie: title case
            ("Dermatology", "dermatology", True),
            ("Ear, nose and throat", "ear, nose and throat", True),  # spaces collapsed
            ("Neurology", "neurology", True),  # the most common spelling (2 of 4)
        ]
        by_name = {e.name: e.id for e in entries}
        doctors = {
            row.username: (row.specialization_id, row.specialization)
            for row in db.session.execute(
                text("SELECT username, specialization_id, specialization FROM users")
            )
        }
        assert doctors == {
            **{u: (by_name["Neurology"], "Neurology") for u in ("neurology", "neuro2", "neuro3")},
            "neuro4": (by_name["Neurology"], "Neurology"),
            "cardio1": (by_name["Cardiology"], "Cardiology"),
            "cardio2": (by_name["Cardiology"], "Cardiology"),
            "ent1": (by_name["Ear, nose and throat"], "Ear, nose and throat"),
            "derm1": (by_name["Dermatology"], "Dermatology"),
            "blank1": (None, None),
            "none1": (None, None),
        }
        # The foreign key holds: a doctor cannot point at an entry that does not exist.
        db.session.commit()
        with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
            db.session.execute(text("UPDATE users SET specialization_id = 999999"))
        db.session.rollback()

        downgrade(revision=BEFORE)
        texts = Counter(
            db.session.scalars(
                text("SELECT specialization FROM users WHERE specialization IS NOT NULL")
            )
        )
        assert texts == {"Neurology": 4, "Cardiology": 2, "Ear, nose and throat": 1,
                         "Dermatology": 1}  # fmt: skip
        db.session.commit()
        db.engine.dispose()
