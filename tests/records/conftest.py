"""Fixtures for records, patients and audit tests.

Appointments are set-up here, not behaviour under test: `book` inserts `Appointment` rows
through the ORM (the appointments API is another domain's). Every test's log output (the
`clinic360` loggers and the root logger) is captured and checked for clinical-text canaries
(LOG-01): no diagnosis, prescription, note or amendment reason may reach a log line.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import func, select, update

from clinic360.appointments.models import Appointment
from clinic360.audit.models import AccessEvent
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from tests.helpers import ApiClient, captured_logs, register

CANARY_PREFIX = "CANARY"


def canary(kind: str) -> str:
    """A unique string to seed into a clinical field and grep for elsewhere."""
    return f"{CANARY_PREFIX}-{kind}-{uuid.uuid4().hex[:12]}"


@pytest.fixture(autouse=True)
def log_lines() -> Iterator[list[str]]:
    """Every log line of the test; after it, no canary may appear in any of them (LOG-01)."""
    with captured_logs() as lines:
        yield lines
    leaked = [line for line in lines if CANARY_PREFIX in line]
    assert leaked == [], f"clinical text reached the logs: {leaked[:3]}"


@dataclass
class Person:
    client: ApiClient
    user: dict[str, Any]

    @property
    def id(self) -> int:
        return int(self.user["id"])


@dataclass
class People:
    p1: Person
    p2: Person
    p3: Person
    d1: Person
    d2: Person


@pytest.fixture
def person(new_client: Callable[[], ApiClient]) -> Callable[..., Person]:
    def make(role: str = "patient", **fields: Any) -> Person:
        client = new_client()
        return Person(client, register(client, role, **fields))

    return make


@pytest.fixture
def people(person: Callable[..., Person]) -> People:
    """P1, P2, P3 patients; D1, D2 approved doctors; no appointments yet."""
    return People(
        p1=person("patient"),
        p2=person("patient"),
        p3=person("patient"),
        d1=person("doctor"),
        d2=person("doctor"),
    )


Book = Callable[..., int]


@pytest.fixture
def book(app: OpenAPI) -> Book:
    """Insert an appointment (patient, doctor) and return its id."""
    counter = iter(range(1, 10_000))

    def make(
        patient: Person,
        doctor: Person,
        *,
        start: datetime | None = None,
        minutes: int = 30,
        status: str = "scheduled",
    ) -> int:
        start = start or utcnow() + timedelta(days=next(counter))
        with app.app_context():
            appointment = Appointment(
                patient_id=patient.id,
                doctor_id=doctor.id,
                start_time=start,
                end_time=start + timedelta(minutes=minutes),
                status=status,
            )
            db.session.add(appointment)
            db.session.commit()
            return appointment.id

    return make


@pytest.fixture
def set_status(app: OpenAPI) -> Callable[[int, str], None]:
    def change(appointment_id: int, status: str) -> None:
        with app.app_context():
            db.session.execute(
                update(Appointment).where(Appointment.id == appointment_id).values(status=status)
            )
            db.session.commit()

    return change


@pytest.fixture
def audit_count(app: OpenAPI) -> Callable[..., int]:
    """Access-log rows, optionally filtered by column values."""

    def count(**where: Any) -> int:
        with app.app_context():
            query = select(func.count()).select_from(AccessEvent)
            for column, value in where.items():
                query = query.where(getattr(AccessEvent, column) == value)
            return int(db.session.scalar(query) or 0)

    return count


def record_body(patient: Person, **fields: Any) -> dict[str, Any]:
    return {
        "patientId": patient.id,
        "diagnosis": fields.pop("diagnosis", canary("DX")),
        "prescription": fields.pop("prescription", canary("RX")),
        "notes": fields.pop("notes", canary("NOTE")),
        **fields,
    }


def create_record(doctor: Person, patient: Person, **fields: Any) -> dict[str, Any]:
    response = doctor.client.post("/api/records", json=record_body(patient, **fields))
    assert response.status_code == 201, response.get_data(as_text=True)
    body: dict[str, Any] = response.get_json()
    return body
