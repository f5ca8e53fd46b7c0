"""The grouped access log: one person's consecutive accesses within the window are one line;
a longer gap or another person in between splits; pages never split a group."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from flask_openapi3 import OpenAPI

from clinic360.audit.models import AccessEvent
from clinic360.core.db import db
from tests.factories import Party
from tests.helpers import ApiClient
from tests.records.conftest import AddAppointment, People


@pytest.fixture
def clock(app: OpenAPI) -> Iterator[time_machine.Traveller]:
    app.config["SESSION_IDLE_SECONDS"] = 86_400  # the clock jumps past the idle timeout
    with time_machine.travel(datetime(2026, 11, 3, 9, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def _groups(patient: Party[ApiClient], query: str = "") -> tuple[list[dict[str, Any]], int]:
    response = patient.client.get(f"/api/access-log/groups{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json(), int(response.headers["X-Total-Count"])


def _visits(people: People, add_appointment: AddAppointment, clock: time_machine.Traveller) -> None:
    """D1 reads at 09:00, 09:03, 09:12 (each gap ≤ 10 min), 09:23 (gap 11 min); D2 at
    09:24; D1 again at 09:25; the patient at 09:26."""
    p1, d1, d2 = people.p1, people.d1, people.d2
    add_appointment(p1, d1)
    add_appointment(p1, d2)
    reads = [
        (0, d1, f"/api/records/{p1.id}"),
        (3, d1, f"/api/patients/{p1.id}"),
        (9, d1, f"/api/records/{p1.id}"),
        (11, d1, f"/api/records/{p1.id}"),
        (1, d2, f"/api/patients/{p1.id}"),
        (1, d1, f"/api/records/{p1.id}"),
        (1, p1, f"/api/records/{p1.id}"),
    ]
    for minutes, who, path in reads:
        clock.shift(timedelta(minutes=minutes))
        assert who.client.get(path).status_code == 200


def test_groups_split_on_a_longer_gap_and_on_another_person(
    people: People, add_appointment: AddAppointment, clock: time_machine.Traveller
) -> None:
    _visits(people, add_appointment, clock)
    groups, total = _groups(people.p1)
    assert total == 5
    who = [(g["actor"]["id"], g["count"]) for g in groups]
    d1, d2, p1 = people.d1.id, people.d2.id, people.p1.id
    assert who == [(p1, 1), (d1, 1), (d2, 1), (d1, 1), (d1, 3)]  # newest group first

    first = groups[-1]
    assert first["actor"] == {"id": d1, "fullName": people.d1.user["fullName"], "role": "doctor"}
    assert (first["firstAt"], first["lastAt"]) == ("2026-11-03T09:00:00Z", "2026-11-03T09:12:00Z")
    assert first["actions"] == [
        {"action": "records.list", "count": 2},
        {"action": "patient.read", "count": 1},
    ]
    assert first["summary"] == "viewed your medical records twice and viewed your patient summary"
    assert [(e["at"], e["description"]) for e in first["events"]] == [
        ("2026-11-03T09:12:00Z", "Your medical records — viewed"),
        ("2026-11-03T09:03:00Z", "Your patient summary — viewed"),
        ("2026-11-03T09:00:00Z", "Your medical records — viewed"),
    ]
    assert groups[3]["firstAt"] == groups[3]["lastAt"] == "2026-11-03T09:23:00Z"
    # The event list is unchanged: every event, one by one.
    events = people.p1.client.get("/api/access-log").get_json()
    assert len(events) == 7 and events[0]["actor"]["id"] == p1


def test_pages_count_whole_groups(
    people: People, add_appointment: AddAppointment, clock: time_machine.Traveller
) -> None:
    _visits(people, add_appointment, clock)
    everything, _ = _groups(people.p1)
    pages = [_groups(people.p1, f"?limit=2&offset={offset}") for offset in (0, 2, 4, 5)]
    assert [total for _, total in pages] == [5, 5, 5, 5]
    assert [len(page) for page, _ in pages] == [2, 2, 1, 0]
    assert [g for page, _ in pages for g in page] == everything
    assert pages[2][0][0]["count"] == 3  # the oldest group is whole on its page


def test_the_window_and_the_event_cap_are_settings(
    app: OpenAPI, people: People, add_appointment: AddAppointment, clock: time_machine.Traveller
) -> None:
    _visits(people, add_appointment, clock)
    app.config["ACCESS_LOG_GROUP_MINUTES"] = 30
    groups, total = _groups(people.p1)
    assert total == 4 and groups[-1]["count"] == 4  # 09:23 now joins D1's first visit
    app.config["ACCESS_LOG_GROUP_MINUTES"] = 10
    app.config["ACCESS_LOG_GROUP_EVENTS"] = 2
    groups, _ = _groups(people.p1)
    oldest = groups[-1]
    assert oldest["count"] == 3 and len(oldest["events"]) == 2  # the newest two are listed
    assert oldest["events"][0]["at"] == "2026-11-03T09:12:00Z"
    assert oldest["firstAt"] == "2026-11-03T09:00:00Z"


def _reference_groups(
    events: list[tuple[datetime, int]], window: timedelta
) -> list[tuple[int, int, datetime, datetime]]:
    """Plain Python: (actor, count, first, last) per group, oldest first."""
    found: list[list[Any]] = []
    for at, actor in events:
        last = found[-1] if found else None
        if last and last[0] == actor and at - last[3] <= window:
            last[1] += 1
            last[3] = at
        else:
            found.append([actor, 1, at, at])
    return [(actor, count, first, end) for actor, count, first, end in found]


def test_grouping_matches_a_plain_reference_over_many_events_and_pages(
    app: OpenAPI, people: People
) -> None:
    """Sixty events with random actors and gaps (seeded), written straight into the log,
    paged seven groups at a time: the pages together are exactly the reference grouping."""
    chance = random.Random(24)
    actors = [people.d1.id, people.d2.id, people.p1.id]
    at = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    events: list[tuple[datetime, int]] = []
    for _ in range(60):
        at += timedelta(seconds=chance.choice([0, 30, 240, 599, 601, 900, 3600]))
        events.append((at, chance.choice(actors[:2] if chance.random() < 0.8 else actors)))
    with app.app_context():
        db.session.add_all(
            AccessEvent(
                at=when,
                actor_id=actor,
                actor_role="patient" if actor == people.p1.id else "doctor",
                patient_id=people.p1.id,
                action="records.list",
            )
            for when, actor in events
        )
        db.session.commit()

    expected = _reference_groups(events, timedelta(minutes=10))[::-1]
    got: list[dict[str, Any]] = []
    for offset in range(0, len(expected) + 7, 7):
        page, total = _groups(people.p1, f"?limit=7&offset={offset}")
        assert total == len(expected)
        got += page
    assert [(g["actor"]["id"], g["count"], g["firstAt"], g["lastAt"]) for g in got] == [
        (actor, count, first.strftime("%Y-%m-%dT%H:%M:%SZ"), last.strftime("%Y-%m-%dT%H:%M:%SZ"))
        for actor, count, first, last in expected
    ]
    assert sum(len(g["events"]) for g in got) == 60
