"""AC-02, AC-03, AC-08: every route that takes an id answers "not yours" exactly like "does
not exist" (same status, same body), and never with another user's data."""

from __future__ import annotations

import re
from typing import Any

from flask_openapi3 import OpenAPI

from tests.security.access_matrix import ROWS
from tests.security.test_access_matrix import app_routes
from tests.security.world import CANARY, build_world, fill_path, world_id

_PARAM = re.compile(r"<(?:\w+:)?\w+>")
MISSING_ID = 987_654_321
INTRUDERS = ("other_patient", "doctor_unrelated", "pending_doctor", "admin")
# Ids that are public by design (an approved doctor's profile, slots and schedule) or
# reachable only by admins (who manage doctors by id): no "not yours" exists there.
NOT_PRIVATE = frozenset(
    {
        "/api/doctors/<int:doctor_id>",
        "/api/doctors/<int:doctor_id>/schedule",
        "/api/doctors/<int:doctor_id>/slots",
        "/api/admin/doctors/<int:id>/approve",
        "/api/admin/doctors/<int:id>/suspend",
    }
)


def test_every_route_with_an_id_is_swept(app: OpenAPI) -> None:
    with_ids = {(m, r) for m, r in app_routes(app) if _PARAM.search(r)}
    swept = {(row.method, row.rule) for row in ROWS if row.path} - {
        (m, r) for m, r in with_ids if r in NOT_PRIVATE
    }
    assert with_ids - {(m, r) for m, r in with_ids if r in NOT_PRIVATE} == swept


def test_not_yours_looks_exactly_like_does_not_exist(app: OpenAPI) -> None:
    world = build_world(app)
    leaks = []
    for row in ROWS:
        if not row.path or row.rule in NOT_PRIVATE:
            continue
        victim = [world_id(world, key) for key in row.path.split("+")]
        body: dict[str, Any] | None = None
        if row.body is not None:
            body = {k: (world[v].id if v in world.by_name else v) for k, v in row.body.items()}
        for name in INTRUDERS:
            client = world[name].client
            answers = [
                client._unsafe(row.method, fill_path(row.rule, target), body)
                if row.method != "GET"
                else client.get(fill_path(row.rule, target))
                for target in (victim, [MISSING_ID])
            ]
            mine, missing = answers
            text = mine.get_data(as_text=True)
            if mine.status_code not in (403, 404) or CANARY in text:
                leaks.append(f"{row.method} {row.rule} as {name}: {mine.status_code} {text[:200]}")
            elif (mine.status_code, mine.get_json()) != (missing.status_code, missing.get_json()):
                leaks.append(
                    f"{row.method} {row.rule} as {name}: existence oracle "
                    f"{mine.status_code} {mine.get_json()} vs {missing.status_code} "
                    f"{missing.get_json()}"
                )
    assert not leaks, "\n".join(leaks)
