"""Fixtures for records, patients and audit tests.

Appointments are set-up here, not behaviour under test: `add_appointment` inserts rows
through the ORM (`tests.factories.insert_appointment`), so a test can give them any start and
status, past ones included. Every test's log output (the
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
from tests.factories import Party, insert_appointment, new_party, write_record
from tests.helpers import ApiClient, captured_logs

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
class People:
    p1: Party[ApiClient]
    p2: Party[ApiClient]
    p3: Party[ApiClient]
    d1: Party[ApiClient]
    d2: Party[ApiClient]


@pytest.fixture
def person(new_client: Callable[[], ApiClient]) -> Callable[..., Party[ApiClient]]:
    """A new user of a role (patient by default) in a new browser."""

    def make(role: str = "patient", **fields: Any) -> Party[ApiClient]:
        return new_party(new_client(), role, **fields)

    return make


@pytest.fixture
def people(person: Callable[..., Party[ApiClient]]) -> People:
    """P1, P2, P3 patients; D1, D2 approved doctors; no appointments yet."""
    return People(
        p1=person("patient"),
        p2=person("patient"),
        p3=person("patient"),
        d1=person("doctor"),
        d2=person("doctor"),
    )


AddAppointment = Callable[..., int]


@pytest.fixture
def add_appointment(app: OpenAPI) -> AddAppointment:
    """Insert an appointment (patient, doctor) and return its id; by default each one a day
    later than the one before, from tomorrow, 30 minutes, scheduled."""
    counter = iter(range(1, 10_000))

    def make(
        patient: Party[ApiClient],
        doctor: Party[ApiClient],
        *,
        start: datetime | None = None,
        minutes: int = 30,
        status: str = "scheduled",
    ) -> int:
        start = start or utcnow() + timedelta(days=next(counter))
        return insert_appointment(app, patient.id, doctor.id, start, minutes=minutes, status=status)

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


def record_body(patient: Party[ApiClient], **fields: Any) -> dict[str, Any]:
    return {
        "patientId": patient.id,
        "diagnosis": fields.pop("diagnosis", canary("DX")),
        "prescription": fields.pop("prescription", canary("RX")),
        "notes": fields.pop("notes", canary("NOTE")),
        **fields,
    }


def create_record(
    doctor: Party[ApiClient], patient: Party[ApiClient], **fields: Any
) -> dict[str, Any]:
    return write_record(doctor, patient, **record_body(patient, **fields))
