"""Late cancellations in the statistics (issue #21) against a plain Python count, over seeded
random histories on both databases: several `cancelled` events per appointment (the last one
counts), cancellations after the start, types with and without notice, no type at all, and
kept appointments carrying an old `cancelled` event (never late)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask_openapi3 import OpenAPI

from clinic360.appointments.models import AppointmentEvent
from clinic360.appointments.statistics import Scope, every_grouping
from clinic360.core.db import transaction
from tests.factories import insert_appointment, new_party
from tests.helpers import ApiClient

STATUSES = ("cancelled", "cancelled", "completed", "no_show", "scheduled")


def _add_cancel(app: OpenAPI, appointment_id: int, actor_id: int, at: datetime) -> None:
    with app.app_context(), transaction() as session:
        session.add(
            AppointmentEvent(appointment_id=appointment_id, actor_id=actor_id,
                             action="cancelled", via="app", sequence=1, at=at)
        )  # fmt: skip


@pytest.mark.parametrize("seed", [7, 21])
def test_late_cancellations_match_a_python_count(
    app: OpenAPI, new_client: Callable[[], ApiClient], seed: int
) -> None:
    rng = random.Random(seed)
    patient = new_party(new_client()).id
    kinds: dict[int | None, int] = {None: 0}  # visit type → its notice hours
    doctors = []
    for _ in range(2):
        doctor = new_party(new_client(), "doctor")
        doctors.append(doctor.id)
        for index, notice in enumerate(rng.sample([0, 6, 24, 48], 2)):
            created = doctor.client.call("POST", "/api/visit-types", {
                "name": f"Type {index}", "durationMinutes": 30, "cancelNoticeHours": notice},
                status=201)  # fmt: skip
            kinds[int(created["id"])] = notice
    first = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    expected: Counter[tuple[object, ...]] = Counter()
    for number in range(40):
        doctor_id = rng.choice(doctors)
        kind = rng.choice([k for k in kinds if k is None or rng.random() < 0.8])
        start = first + timedelta(hours=number)
        status = rng.choice(STATUSES)
        cancels = [start - timedelta(minutes=rng.randint(-120, 72 * 60))
                   for _ in range(rng.randint(1, 3))]  # fmt: skip
        has_events = status == "cancelled" or rng.random() < 0.3
        appointment = insert_appointment(
            app, patient, doctor_id, start, status=status, visit_type_id=kind,
            booked_at=start - timedelta(days=5),
            cancelled_at=cancels[0] if has_events else None,
        )  # fmt: skip
        for at in cancels[1:] if has_events else []:
            _add_cancel(app, appointment, patient, at)
        late = status == "cancelled" and (start - max(cancels)).total_seconds() < kinds[kind] * 3600
        for key in ((doctor_id, kind), (doctor_id,), ()):
            expected[(*key, "late")] += late
            expected[(*key, "cancelled")] += status == "cancelled"
    with app.app_context(), transaction(write=False) as session:
        grouped = every_grouping(session, Scope(first, first + timedelta(hours=40)))
    keys = {"visit_type": lambda r: (r.doctor_id, r.visit_type_id),
            "doctor": lambda r: (r.doctor_id,), "total": lambda r: ()}  # fmt: skip
    found: Counter[tuple[object, ...]] = Counter()
    for grouping, rows in grouped.items():
        for row in rows:
            found[(*keys[grouping](row), "late")] += row.late_cancellations
            found[(*keys[grouping](row), "cancelled")] += row.cancellations
    assert +found == +expected
    assert expected[("late",)] > 0, "the seed should make some cancellations late"
