"""Database concurrency errors become 409 or 503, never 500 (CONC-05), and the suspend hook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from clinic360.appointments import booking, transitions
from clinic360.core.db import MAX_RETRIES, transaction
from tests import faults
from tests.accounts.test_admin import admin_client
from tests.appointments.helpers import outbox_keys, sql
from tests.conftest import make_app
from tests.factories import Party, at, book, booked, iso, new_party, open_hours
from tests.helpers import ApiClient


def _raising(sqlstate: str, failures: int) -> tuple[Callable[[], None], list[int]]:
    """A fault between the overlap check and the insert: fails `failures` times with
    `sqlstate`."""
    calls = [0]
    error_class = IntegrityError if sqlstate.startswith("23") else OperationalError

    def hook() -> None:
        calls[0] += 1
        if calls[0] <= failures:
            orig = psycopg.errors.lookup(sqlstate)("injected")
            raise error_class("INSERT INTO appointments …", {}, orig)

    return hook, calls


def test_a_unique_violation_is_a_bug_not_a_taken_slot(
    pg_app: OpenAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """A clash on another key (here the outbox's idempotency key) is a 500 with an error id,
    logged with its constraint; only the exclusion constraints mean `slot_taken`."""
    patient = new_party(ApiClient(pg_app), "patient")
    doctor = new_party(ApiClient(pg_app), "doctor")
    open_hours(doctor)
    [(last,)] = sql(pg_app, "SELECT nextval(pg_get_serial_sequence('appointments', 'id'))")
    sql(
        pg_app,
        "INSERT INTO email_outbox (idempotency_key, kind, recipient_id, status, attempts, "
        "next_attempt_at, created_at) VALUES (:key, 'appointment_booked', :p, 'sent', 1, "
        "now(), now())",
        key=f"appointment:{last + 1}:booked:patient",
        p=patient.id,
    )
    response = book(patient, doctor, at(9))
    assert response.status_code == 500 and response.get_json()["code"] == "internal_error"
    assert response.get_json()["errorId"]
    assert sql(pg_app, "SELECT count(*) FROM appointments") == [(0,)]
    [logged] = [r for r in caplog.records if r.getMessage().startswith("integrity error")]
    assert logged.__dict__["constraint"] == "uq_email_outbox_idempotency_key"


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"])
def test_serialization_failures_are_retried(
    app: OpenAPI, monkeypatch: pytest.MonkeyPatch, patient: Party, doctor: Party, sqlstate: str
) -> None:
    hook, calls = _raising(sqlstate, failures=2)
    faults.inject(monkeypatch.setattr, after_precheck=hook)
    response = book(patient, doctor, at(9))
    assert response.status_code == 201 and calls[0] == 3
    assert sql(app, "SELECT count(*) FROM appointments") == [(1,)]
    assert len(outbox_keys(app)) == 2


@pytest.mark.parametrize(
    ("sqlstate", "attempts"),
    [("40001", 1 + MAX_RETRIES), ("40P01", 1 + MAX_RETRIES), ("55P03", 1),
     ("57014", 1)],
)  # fmt: skip
def test_busy_database_is_503_after_bounded_attempts(
    app: OpenAPI,
    monkeypatch: pytest.MonkeyPatch,
    patient: Party,
    doctor: Party,
    sqlstate: str,
    attempts: int,
) -> None:
    """Retries exhausted (40001/40P01) or a lock/statement timeout: 503 with Retry-After."""
    hook, calls = _raising(sqlstate, failures=100)
    faults.inject(monkeypatch.setattr, after_precheck=hook)
    response = book(patient, doctor, at(9))
    assert response.status_code == 503 and calls[0] == attempts
    assert response.get_json()["code"] == "service_unavailable"
    assert response.headers["Retry-After"]
    assert sql(app, "SELECT count(*) FROM appointments") == [(0,)]


def test_a_real_lock_timeout_is_503(pg_database_url: str, tmp_path: Path, pg_app: OpenAPI) -> None:
    """A session holding the table lock makes a booking wait DB_LOCK_TIMEOUT_MS, then 503."""
    app = make_app(pg_database_url, tmp_path / "short", DB_LOCK_TIMEOUT_MS="200")
    patient = new_party(ApiClient(app), "patient")
    doctor = new_party(ApiClient(app), "doctor")
    open_hours(doctor)
    admin_url = pg_database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin_url) as conn:
        conn.execute("LOCK TABLE appointments IN ACCESS EXCLUSIVE MODE")
        response = book(patient, doctor, at(9))
        conn.rollback()
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert book(patient, doctor, at(9)).status_code == 201


def test_without_the_precheck_the_constraint_still_answers_409(
    pg_app: OpenAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    faults.inject(monkeypatch.setattr, skip_precheck=True)
    doctor, elsewhere = (new_party(ApiClient(pg_app), "doctor") for _ in range(2))
    for party in (doctor, elsewhere):
        open_hours(party)
    first, second = (new_party(ApiClient(pg_app), "patient") for _ in range(2))
    booked(first, doctor, at(9))
    taken = book(second, doctor, at(9))
    assert taken.status_code == 409 and taken.get_json()["code"] == "slot_taken"
    assert [a["startTime"] for a in taken.get_json()["alternatives"]] == [
        iso(at(8)),
        iso(at(8, 30)),
        iso(at(9, 30)),
    ]
    same_patient = book(first, elsewhere, at(9))
    assert same_patient.status_code == 409


def test_suspending_a_doctor_cancels_future_appointments(
    app: OpenAPI, patient: Party, other_patient: Party, doctor: Party
) -> None:
    upcoming = booked(patient, doctor, at(9))
    confirmed = booked(other_patient, doctor, at(10))
    doctor.client.put(f"/api/appointments/{confirmed['id']}", json={"status": "confirmed"})
    started = booked(patient, doctor, at(11))
    sql(
        app,
        "UPDATE appointments SET status = 'cancelled' WHERE id = :i",
        i=started["id"],
    )
    with app.app_context(), transaction() as session:
        count = transitions.cancel_future_appointments_of_doctor(
            session, doctor.id, "doctor_suspended"
        )
    assert count == 2
    statuses = sql(app, "SELECT id, status FROM appointments ORDER BY id")
    assert [s for _, s in statuses] == ["cancelled", "cancelled", "cancelled"]
    keys = outbox_keys(app)
    assert f"appointment:{upcoming['id']}:cancelled:patient" in keys
    assert f"appointment:{confirmed['id']}:cancelled:patient" in keys
    assert book(other_patient, doctor, at(9)).status_code == 201


def test_dbapi_errors_that_are_not_concurrency_propagate(
    monkeypatch: pytest.MonkeyPatch, pg_app: OpenAPI
) -> None:
    def boom(session: object) -> None:
        raise DBAPIError("SELECT 1", {}, psycopg.errors.lookup("42601")("syntax"))

    with pg_app.app_context(), pytest.raises(DBAPIError):
        booking.run(boom)


def test_an_admin_suspension_cancels_the_doctors_upcoming_appointments(
    app: OpenAPI, patient: Party, doctor: Party, new_client: Callable[[], ApiClient]
) -> None:
    upcoming = booked(patient, doctor, at(9))
    admin = admin_client(app, new_client())
    response = admin.post(f"/api/admin/doctors/{doctor.id}/suspend", json={"reason": "Licence"})
    assert response.status_code == 200
    assert sql(app, "SELECT status FROM appointments") == [("cancelled",)]
    assert f"appointment:{upcoming['id']}:cancelled:patient" in outbox_keys(app)
    assert patient.client.get("/api/appointments").get_json()[0]["status"] == "cancelled"
