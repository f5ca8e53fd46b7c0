"""AC-05 for appointment reasons (review #23 F-7): once the care relationship has ended, no
route gives the doctor the patient's reason; admins never get one; the patient always does."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from flask_openapi3 import OpenAPI

from tests.security.access_matrix import ROWS
from tests.security.world import CANARY, World, build_world, fill_path, world_id

REASON = f"{CANARY}-reason"  # the reason of the world's appointment of P1 with D1


def _every_get(world: World, name: str) -> Iterator[tuple[str, str]]:
    """(route, body) of every GET route of the access matrix, ids filled from the world, and
    of the principal's own calendar subscription link."""
    client = world[name].client
    for row in ROWS:
        if row.method != "GET":
            continue
        path = row.rule
        if row.path:
            path = fill_path(row.rule, [world_id(world, key) for key in row.path.split("+")])
        yield row.rule, client.get(path).get_data(as_text=True)
    link = client.call("POST", "/api/calendar-feed", status=201)["url"]
    yield "calendar link", client.get(urlsplit(link).path).get_data(as_text=True)


def _leaks(world: World, name: str) -> list[str]:
    return [route for route, body in _every_get(world, name) if REASON in body]


def test_reasons_follow_the_care_relationship(app: OpenAPI) -> None:
    world = build_world(app)
    assert _leaks(world, "doctor") == ["/api/appointments", "/api/appointments/<int:id>"]
    assert _leaks(world, "admin") == []

    appointment = f"/api/appointments/{world.ids['appointment']}"
    world["patient"].client.call("PUT", appointment, {"status": "cancelled"})
    # The world's recurring series of D1 for P1 keeps them in care until it is cancelled too.
    world["patient"].client.call("POST", f"/api/series/{world.ids['series']}/cancel")
    assert _leaks(world, "doctor") == []
    assert _leaks(world, "admin") == []
    assert _leaks(world, "patient") == ["/api/appointments", "/api/appointments/<int:id>"]
