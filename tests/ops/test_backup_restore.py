"""`flask backup` and the restore of docs/operations.md §9, for real, on both databases.

A fresh database is migrated and filled through the API (users, appointments in several
states, a record amended once, access-log rows, outbox rows); the backup is restored into a
second new database (pg_restore on PostgreSQL, a file copy on SQLite); every table must come
back row for row, `flask db upgrade` must change nothing and `flask records verify` must pass.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask_migrate import upgrade
from flask_openapi3 import OpenAPI
from sqlalchemy import create_engine, select, text

from clinic360.core.db import db
from tests.appointments.helpers import move_into_past
from tests.conftest import PG_ADMIN_URL, make_app
from tests.factories import Party, at, booked, new_party, open_hours
from tests.helpers import ApiClient

Restore = Callable[[Path], str]  # backup file → URL of the restored database


@pytest.fixture
def pg_databases() -> Iterator[Callable[[], str]]:
    """Makes new, empty PostgreSQL databases; drops them all at the end."""
    names: list[str] = []

    def create() -> str:
        name = f"clinic360_backup_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    yield create
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrated_app(url: str, instance: Path) -> OpenAPI:
    app = make_app(url, instance)
    with app.app_context():
        upgrade()
    return app


def fill(app: OpenAPI) -> None:
    """A small clinic through the API: every kind of row a backup must keep."""
    doctor = new_party(ApiClient(app), "doctor", fullName="Dr. Bob Jones")
    open_hours(doctor)
    alice = new_party(ApiClient(app), "patient", fullName="Alice Smith")
    carol = new_party(ApiClient(app), "patient", fullName="Carol White")

    booked(alice, doctor, at(9))  # stays scheduled
    confirmed = booked(alice, doctor, at(10))
    change(doctor, confirmed["id"], {"status": "confirmed"})
    cancelled = booked(carol, doctor, at(11))
    change(carol, cancelled["id"], {"status": "cancelled"})
    completed = booked(carol, doctor, at(12))
    move_into_past(app, completed["id"], minutes_ago=90)
    change(doctor, completed["id"], {"status": "completed"})

    record = doctor.client.post(
        "/api/records",
        json={"patientId": alice.id, "diagnosis": "Stable angina", "notes": "Stress test."},
    )
    assert record.status_code == 201, record.get_data(as_text=True)
    amended = doctor.client.put(
        f"/api/records/{record.get_json()['id']}",
        json={"prescription": "Nitroglycerin 0.4 mg", "reason": "Prescription added"},
    )
    assert amended.get_json()["version"] == 2
    assert alice.client.get(f"/api/records/{alice.id}").status_code == 200
    assert doctor.client.get(f"/api/patients/{alice.id}").status_code == 200


def change(party: Party, appointment_id: int, body: dict[str, Any]) -> None:
    response = party.client.put(f"/api/appointments/{appointment_id}", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)


def snapshot(app: OpenAPI, url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (and the migration version), in primary-key order."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = {
                table.name: [
                    tuple(row)
                    for row in conn.execute(select(table).order_by(*table.primary_key.columns))
                ]
                for table in db.metadata.sorted_tables
            }
            rows["alembic_version"] = list(
                map(tuple, conn.execute(text("SELECT version_num FROM alembic_version")))
            )
    finally:
        engine.dispose()
    return rows


def run(app: OpenAPI, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    output: str = result.output
    return output


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, tmp_path: Path, pg_databases: Callable[[], str]
) -> tuple[str, Restore]:
    """(URL of a new empty database, how to restore a backup of it into another new one)."""
    if request.param == "sqlite":

        def restore_sqlite(backup: Path) -> str:
            restored = tmp_path / "restored.db"
            shutil.copyfile(backup, restored)
            return f"sqlite:///{restored}"

        return f"sqlite:///{tmp_path / 'source.db'}", restore_sqlite

    def restore_postgresql(backup: Path) -> str:
        url = pg_databases()
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", url, str(backup)],
            check=True,
            capture_output=True,
        )
        return url

    return pg_databases(), restore_postgresql


def test_backup_restores_every_row(backend: tuple[str, Restore], tmp_path: Path) -> None:
    source_url, restore = backend
    source = migrated_app(source_url, tmp_path / "source-instance")
    fill(source)
    before = snapshot(source, source_url)
    assert len(before["appointments"]) == 4
    assert {row[5] for row in before["appointments"]} == {
        "scheduled",
        "confirmed",
        "cancelled",
        "completed",
    }
    assert len(before["record_versions"]) == 2
    assert before["access_log"] and before["email_outbox"]

    target = tmp_path / "backups" / "nightly.dump"
    assert "Backup written to" in run(source, "backup", "--output", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with source.app_context():
        db.engine.dispose()

    restored_url = restore(target)
    restored = make_app(restored_url, tmp_path / "restored-instance")
    assert snapshot(restored, restored_url) == before
    run(restored, "db", "upgrade")  # the dump is current: nothing to do
    assert snapshot(restored, restored_url) == before
    assert "2 versions checked, 0 failed" in run(restored, "records", "verify")
    with restored.app_context():
        db.engine.dispose()


def test_backup_refuses_to_overwrite_and_names_a_default_file(sqlite_app: OpenAPI) -> None:
    written = run(sqlite_app, "backup").split("Backup written to ", 1)[1].split(" (")[0]
    path = Path(written)
    assert path.parent == Path(sqlite_app.instance_path) / "backups"
    assert path.name.startswith("clinic360-") and path.suffix == ".db"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = sqlite_app.test_cli_runner().invoke(args=["backup", "--output", str(path)])
    assert again.exit_code != 0 and "exists already" in again.output
