"""Helpers of the appointment tests: database checks and calendar feeds. Parties, times and
bookings come from tests/factories.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask_openapi3 import OpenAPI
from icalendar import Calendar
from sqlalchemy import text
from werkzeug.test import TestResponse

from clinic360.core.db import db
from tests.factories import Party, at, booked


def sql(app: OpenAPI, statement: str, **params: Any) -> list[Any]:
    with app.app_context(), db.engine.begin() as conn:
        result = conn.execute(text(statement), params)
        return list(result) if result.returns_rows else []


def outbox_keys(app: OpenAPI) -> list[str]:
    return [row[0] for row in sql(app, "SELECT idempotency_key FROM email_outbox ORDER BY id")]


def move_into_past(app: OpenAPI, appointment_id: int, minutes_ago: int = 10) -> None:
    """Let an appointment's start pass without moving the clock (sessions stay valid)."""
    start = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    sql(
        app,
        "UPDATE appointments SET start_time = :s, end_time = :e WHERE id = :i",
        s=_db_instant(app, start),
        e=_db_instant(app, start + timedelta(minutes=30)),
        i=appointment_id,
    )


def _db_instant(app: OpenAPI, value: datetime) -> datetime:
    """Instants as the UTCDateTime column stores them (naive UTC on SQLite)."""
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
    return value.replace(tzinfo=None) if sqlite else value


OVERLAP_SQL = """
SELECT a.id, b.id FROM appointments a JOIN appointments b
  ON a.{column} = b.{column} AND a.id < b.id
 AND a.status <> 'cancelled' AND b.status <> 'cancelled'
 AND a.{start} < b.{end} AND b.{start} < a.{end}
"""


def overlapping_pairs(app: OpenAPI) -> list[Any]:
    """Pairs of non-cancelled appointments that overlap: of one doctor, over their blocked
    ranges (the visits widened by their types' buffers); of one patient, over the visits."""
    return [
        *sql(app, OVERLAP_SQL.format(column="doctor_id", start="blocked_start", end="blocked_end")),
        *sql(app, OVERLAP_SQL.format(column="patient_id", start="start_time", end="end_time")),
    ]


def calendar_of(response: TestResponse) -> Calendar:
    """A calendar feed answer, checked (200, iCalendar attachment) and parsed."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="appointments.ics"'
    return Calendar.from_ical(response.get_data())


def feed_mix(app: OpenAPI, patient: Party, other_patient: Party, doctor: Party) -> dict[str, Any]:
    """What a calendar feed must sort out: `patient`'s upcoming appointment (returned), another
    patient's with the same doctor, and a cancelled and a past one of `patient`."""
    mine = booked(patient, doctor, at(9))
    booked(other_patient, doctor, at(10))
    gone = booked(patient, doctor, at(11))
    patient.client.put(f"/api/appointments/{gone['id']}", json={"status": "cancelled"})
    past = booked(patient, doctor, at(12))
    move_into_past(app, past["id"], minutes_ago=60)
    return mine
