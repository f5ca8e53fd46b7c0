"""GET /api/slots by visit type name, on SQLite and PostgreSQL (issue 17)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from tests.factories import new_party
from tests.helpers import ApiClient, problem
from tests.schedules.helpers import add

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # a Tuesday, 08:00 in Berlin
TUESDAY = 2
FOLLOW_UP = {"name": "Follow-up", "durationMinutes": 15, "slotGridMinutes": 15,
             "bufferAfterMinutes": 5}  # fmt: skip


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def search(guest: ApiClient, query: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = guest.call("GET", f"/api/slots?{query}")
    return found


def test_a_type_name_narrows_doctors_and_cuts_slots_of_that_type(
    new_client: Callable[[], ApiClient],
) -> None:
    with_type = new_party(new_client(), "doctor", timezone="UTC", specialization="Cardiology")
    without = new_party(new_client(), "doctor", timezone="UTC", specialization="Cardiology")
    other_spec = new_party(new_client(), "doctor", timezone="UTC", specialization="Dermatology")
    for doctor in (with_type, without, other_spec):
        add(doctor.client, dayOfWeek=TUESDAY, startTime="08:00", endTime="09:00")
    follow_up = with_type.client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    other_spec.client.call("POST", "/api/visit-types", FOLLOW_UP, status=201)
    guest = new_client()

    found = search(guest, "visitType=fOLLOW-up&specialization=cardiology&limit=10")
    # That doctor's Follow-up only: 15-minute slots on its grid (the default type is 30 min).
    assert [(s["doctorId"], s["visitTypeId"], s["startTime"][11:16], s["endTime"][11:16])
            for s in found] == [
        (with_type.id, follow_up["id"], start, end)
        for start, end in [("08:00", "08:15"), ("08:15", "08:30"), ("08:30", "08:45"),
                           ("08:45", "09:00")]
    ]  # fmt: skip
    assert all(s["visitTypeId"] == follow_up["id"] for s in found)
    # Without a type name: every doctor's default type, with its own id.
    defaults = search(guest, "specialization=cardiology&limit=10")
    assert {s["doctorId"] for s in defaults} == {with_type.id, without.id}
    assert follow_up["id"] not in {s["visitTypeId"] for s in defaults}


def test_retired_staff_only_and_unknown_names_find_nothing(
    new_client: Callable[[], ApiClient],
) -> None:
    doctor = new_party(new_client(), "doctor", timezone="UTC")
    add(doctor.client, dayOfWeek=TUESDAY, startTime="08:00", endTime="09:00")
    doctor.client.call(
        "POST", "/api/visit-types", {**FOLLOW_UP, "bookableBy": "staff_only"}, status=201
    )
    guest = new_client()
    assert search(guest, "visitType=Follow-up") == []
    assert search(guest, "visitType=No such visit") == []
    problem(guest.get("/api/slots?visitType=" + "x" * 81), 422, "validation_error")
