"""Every figure of the statistics (issue #21) against a plain Python computation, over seeded
random appointments on both databases: PostgreSQL's `GROUPING SETS` statement and SQLite's
statement per grouping must both give what the definitions say, for each (doctor,
type), each doctor and the total, with and without the doctor / visit type filters.

The data: three doctors with two or three types each (and visits with no type at all), six
patients, a history before the range (kept and cancelled visits: only kept ones make a patient
returning), visits after it (never counted), every status, varied lengths and lead times,
cancellations with and without notice left."""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from flask_openapi3 import OpenAPI

from clinic360.appointments.statistics import Figures, Scope, every_grouping
from clinic360.core.db import transaction
from tests.factories import insert_appointment, new_party
from tests.helpers import ApiClient

STATUSES = ("cancelled", "completed", "completed", "no_show", "scheduled", "arrived")
FIELDS = (
    "bookings",
    "cancellations",
    "late_cancellations",
    "no_shows",
    "booked_minutes",
    "lead_median_hours",
    "lead_average_hours",
    "new_patients",
    "returning_patients",
)


@dataclass(frozen=True)
class Visit:
    doctor: int
    kind: int | None
    patient: int
    start: datetime
    minutes: int
    status: str
    booked: datetime
    cancelled: datetime | None


def _expected(visits: list[Visit], notices: dict[int | None, int], scope: Scope,
              back: set[int]) -> dict[tuple[object, ...], dict[str, object]]:  # fmt: skip
    """The figures by their definitions: `visits` are the scope's dates, `back` the patients
    with a kept visit before it."""
    groups: dict[tuple[object, ...], list[Visit]] = defaultdict(list)
    for visit in visits:
        if scope.doctor_id in (None, visit.doctor) and scope.visit_type_id in (None, visit.kind):
            for key in (("visit_type", visit.doctor, visit.kind), ("doctor", visit.doctor),
                        ("total",)):  # fmt: skip
                groups[key].append(visit)
    expected = {}
    for key, rows in groups.items():
        kept = [row for row in rows if row.status != "cancelled"]
        leads = [(row.start - row.booked).total_seconds() / 3600 for row in kept]
        late = [
            row
            for row in rows
            if row.status == "cancelled"
            and row.cancelled is not None
            and (row.start - row.cancelled).total_seconds() < notices[row.kind] * 3600
        ]
        expected[key] = {
            "bookings": len(rows),
            "cancellations": len(rows) - len(kept),
            "late_cancellations": len(late),
            "no_shows": sum(row.status == "no_show" for row in rows),
            "booked_minutes": float(sum(row.minutes for row in kept)),
            "lead_median_hours": statistics.median(leads) if leads else None,
            "lead_average_hours": statistics.fmean(leads) if leads else None,
            "new_patients": len({row.patient for row in kept} - back),
            "returning_patients": len({row.patient for row in kept} & back),
        }
    return expected


def _found(grouped: dict[str, list[Figures]]) -> dict[tuple[object, ...], dict[str, object]]:
    keys: dict[str, Callable[[Figures], tuple[object, ...]]] = {
        "visit_type": lambda r: ("visit_type", r.doctor_id, r.visit_type_id),
        "doctor": lambda r: ("doctor", r.doctor_id),
        "total": lambda r: ("total",),
    }
    found = {}
    for grouping, rows in grouped.items():
        for row in rows:
            if grouping == "total" and row.bookings == 0:
                continue  # the empty total row of a scope with nothing in it
            found[keys[grouping](row)] = {name: getattr(row, name) for name in FIELDS}
    return found


def _approx(figures: dict[tuple[object, ...], dict[str, object]]) -> object:
    """Hours and minutes to 1e-6 relative: SQLite measures them with `julianday` (floating
    days), 375 minutes come back as 374.9999984."""
    return {key: {name: value if value is None or isinstance(value, int)
                  else pytest.approx(value, rel=1e-6, abs=1e-4) for name, value in row.items()}
            for key, row in figures.items()}  # fmt: skip


@pytest.mark.parametrize("seed", [3, 11])
def test_every_figure_matches_a_python_computation(
    app: OpenAPI, new_client: Callable[[], ApiClient], seed: int
) -> None:
    rng = random.Random(seed)
    patients = [new_party(new_client()).id for _ in range(6)]
    notices: dict[int | None, int] = {None: 0}
    kinds: dict[int, list[int]] = {}
    for _ in range(3):
        doctor = new_party(new_client(), "doctor")
        kinds[doctor.id] = []
        for index in range(rng.choice([2, 3])):
            notice = rng.choice([0, 6, 24, 48])
            created = doctor.client.call("POST", "/api/visit-types", {
                "name": f"Type {index}", "durationMinutes": 30, "cancelNoticeHours": notice},
                status=201)  # fmt: skip
            notices[int(created["id"])] = notice
            kinds[doctor.id].append(int(created["id"]))
    first = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=30)
    scope_hours = 60
    visits = []
    # Hourly starts never overlap (the patient's and the doctor's exclusion constraints).
    for number in range(-20, scope_hours + 8):
        doctor_id = rng.choice(list(kinds))
        start = first + timedelta(hours=number)
        status = rng.choice(STATUSES)
        kind = rng.choice([*kinds[doctor_id], None]) if rng.random() < 0.9 else None
        # Only the first three patients have a history: the others are new in the range.
        patient = rng.choice(patients[:3] if number < 0 else patients)
        visit = Visit(
            doctor=doctor_id, kind=kind, patient=patient, start=start,
            minutes=rng.choice([15, 30, 45, 60]), status=status,
            booked=start - timedelta(minutes=rng.randint(0, 60 * 24 * 20)),
            cancelled=start - timedelta(minutes=rng.randint(-60, 60 * 72))
            if status == "cancelled" and rng.random() < 0.9 else None,
        )  # fmt: skip
        insert_appointment(
            app, visit.patient, visit.doctor, visit.start, minutes=visit.minutes,
            status=visit.status, visit_type_id=visit.kind, booked_at=visit.booked,
            cancelled_at=visit.cancelled,
        )  # fmt: skip
        visits.append(visit)
    back = {v.patient for v in visits if v.start < first and v.status != "cancelled"}
    in_range = [v for v in visits if first <= v.start < first + timedelta(hours=scope_hours)]
    some_doctor = rng.choice(list(kinds))
    scopes = [
        Scope(first, first + timedelta(hours=scope_hours)),
        Scope(first, first + timedelta(hours=scope_hours), doctor_id=some_doctor),
        Scope(first, first + timedelta(hours=scope_hours), visit_type_id=kinds[some_doctor][0]),
        Scope(first - timedelta(days=3), first - timedelta(days=2)),  # nothing in it
    ]
    for scope in scopes:
        earlier = {v.patient for v in visits if v.start < scope.start and v.status != "cancelled"}
        chosen = [v for v in visits if scope.start <= v.start < scope.end]
        with app.app_context(), transaction(write=False) as session:
            grouped = every_grouping(session, scope)
        found, expected = _found(grouped), _approx(_expected(chosen, notices, scope, earlier))
        assert set(found) == set(expected), scope
        for key, row in expected.items():
            assert found[key] == row, (scope, key)
    assert back and {v.patient for v in in_range} - back, "the seed should give both kinds"
    assert any(v.status == "cancelled" for v in in_range)
