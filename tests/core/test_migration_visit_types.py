"""Migration 0170 on a database with data from before it: every doctor gets a default visit
type from their slot length, appointments name it and block exactly their own interval, and
on PostgreSQL the doctor's exclusion constraint covers the blocked range."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clinic360.core.db import db
from tests.conftest import PG_ADMIN_URL, make_app

BEFORE = "0165_manage_links_reminders"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind, for this test alone."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    name = f"clinic360_mig_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(conn: Any, statement: str, **params: Any) -> list[Any]:
    if "duration" in params:
        params["key"] = params["name"].lower()
    if "name" in params and "role" in params:
        params["email"] = f"{params['name']}@example.org"
    result = conn.execute(text(statement), params)
    return list(result) if result.returns_rows else []


USER = (
    "INSERT INTO users (id, username, email, email_key, full_name, role, timezone, approved,"
    " slot_minutes, password_hash, session_epoch, created_at, updated_at)"
    " VALUES (:id, :name, :email, :email, :name, :role,"
    " 'UTC', :yes, :slot, 'x', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)
APPOINTMENT = (
    "INSERT INTO appointments (id, patient_id, doctor_id, start_time, end_time, status,"
    " sequence, created_at, updated_at) VALUES (:id, 3, :doctor, :start, :end, :status, 0,"
    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)


def test_existing_doctors_and_appointments_get_their_default_type(
    empty_url: str, tmp_path: Path
) -> None:
    app = make_app(empty_url, tmp_path / "instance")
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            _run(conn, USER, id=1, name="drtwenty", role="doctor", yes=True, slot=20)
            _run(conn, USER, id=2, name="drplain", role="doctor", yes=True, slot=None)
            _run(conn, USER, id=3, name="pat", role="patient", yes=True, slot=None)
            _run(conn, APPOINTMENT, id=1, doctor=1, start="2030-01-07 09:00:00",
                 end="2030-01-07 09:20:00", status="scheduled")  # fmt: skip
            _run(conn, APPOINTMENT, id=2, doctor=2, start="2030-01-07 10:00:00",
                 end="2030-01-07 10:30:00", status="cancelled")  # fmt: skip
        upgrade()
        with db.engine.begin() as conn:
            types = _run(
                conn,
                "SELECT doctor_id, name, duration_minutes, slot_grid_minutes,"
                " buffer_before_minutes, buffer_after_minutes, min_notice_minutes, horizon_days,"
                " bookable_by, channel, is_default, active FROM visit_types ORDER BY doctor_id",
            )
            assert [tuple(row) for row in types] == [
                (1, "Consultation", 20, 20, 0, 0, 0, 365, "anyone", "in_person", True, True),
                (2, "Consultation", 30, 30, 0, 0, 0, 365, "anyone", "in_person", True, True),
            ]
            rows = _run(
                conn,
                "SELECT a.id, t.doctor_id, a.blocked_start = a.start_time,"
                " a.blocked_end = a.end_time FROM appointments a"
                " JOIN visit_types t ON t.id = a.visit_type_id ORDER BY a.id",
            )
            assert [tuple(row) for row in rows] == [(1, 1, True, True), (2, 2, True, True)]
            # A used type cannot be deleted: the foreign key refuses.
            with pytest.raises(IntegrityError), conn.begin_nested():
                _run(conn, "DELETE FROM visit_types WHERE doctor_id = 1")
            if conn.dialect.name == "postgresql":
                definition = _run(
                    conn,
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE conname = 'no_overlap_per_doctor'",
                )[0][0]
                assert "tstzrange(blocked_start, blocked_end" in definition
        downgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            assert _run(conn, "SELECT count(*) FROM appointments")[0][0] == 2
        db.engine.dispose()


def test_a_check_constraint_guards_every_range(empty_url: str, tmp_path: Path) -> None:
    app = make_app(empty_url, tmp_path / "instance")
    insert = (
        "INSERT INTO visit_types (doctor_id, name, name_key, duration_minutes,"
        " slot_grid_minutes, buffer_before_minutes, buffer_after_minutes, min_notice_minutes,"
        " horizon_days, cancel_notice_hours, reschedule_notice_hours, bookable_by, channel,"
        " colour, is_default, active, created_at, updated_at) VALUES (1, :name, :key, :duration,"
        " :grid, :before, 0, :notice, :horizon, 0, :hours, :bookable, :channel, :colour, :no,"
        " :active, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
    )
    good = {
        "name": "Follow-up", "duration": 15, "grid": 15, "before": 0, "notice": 0,
        "horizon": 30, "hours": 0, "bookable": "anyone", "channel": "video",
        "colour": "#0a0b0c", "no": False, "active": True,
    }  # fmt: skip
    bad = [
        {"name": ""}, {"duration": 4}, {"duration": 241}, {"grid": 0}, {"before": 61},
        {"before": -1}, {"notice": 43201}, {"horizon": 0}, {"horizon": 731}, {"hours": 721},
        {"bookable": "everyone"}, {"channel": "phone"}, {"colour": "#GGGGGG"},
        {"colour": "#abc"}, {"colour": "red0000"},
    ]  # fmt: skip
    with app.app_context():
        upgrade()
        with db.engine.begin() as conn:
            _run(conn, USER, id=1, name="dr", role="doctor", yes=True, slot=30)
            _run(conn, insert, **good)
            for change in bad:
                with pytest.raises(IntegrityError), conn.begin_nested():
                    _run(conn, insert, **{**good, "name": "other", **change})
            # Unique among active types of a doctor, ignoring case (the key is case-folded).
            with pytest.raises(IntegrityError), conn.begin_nested():
                _run(conn, insert, **{**good, "name": "follow-up"})
            _run(conn, insert, **{**good, "name": "follow-up", "active": False})
            # A default type is active.
            with pytest.raises(IntegrityError), conn.begin_nested():
                _run(conn, insert, **{**good, "name": "x", "no": True, "active": False})
        db.engine.dispose()
