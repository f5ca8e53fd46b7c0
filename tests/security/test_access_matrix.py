"""AC-01: the access matrix covers every route, and every cell holds (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
from typing import Any

from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from tests.factories import send_message_file, send_upload
from tests.security.access_matrix import (
    ATTACHMENT_RULE,
    EXCLUDED_ENDPOINTS,
    EXCLUDED_PREFIXES,
    NEW_THREAD_FILE_RULE,
    ROWS,
    STAFF,
    UPLOAD_RULE,
    Row,
    new_user_body,
)
from tests.security.world import (
    PRINCIPALS,
    World,
    body_value,
    build_world,
    fill_path,
    world_id,
)

_STAFF_NUMBER = itertools.count(1)
# Iteration order: the owner of what DELETE removes goes last.
ORDER = ("anonymous", "patient", "other_patient", "doctor_unrelated", "pending_doctor", "admin")
ORDER = (*ORDER, "doctor")


def app_routes(app: OpenAPI) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in EXCLUDED_ENDPOINTS or rule.rule.startswith(EXCLUDED_PREFIXES):
            continue
        for method in rule.methods or ():
            if method not in {"HEAD", "OPTIONS"}:
                routes.add((method, rule.rule))
    return routes


def test_every_route_is_in_the_matrix_and_nothing_else(app: OpenAPI) -> None:
    listed = [(row.method, row.rule) for row in ROWS]
    assert len(listed) == len(set(listed)), "a route is listed twice"
    missing = app_routes(app) - set(listed)
    stale = set(listed) - app_routes(app)
    assert not missing, f"routes without access rules in access_matrix.py: {sorted(missing)}"
    assert not stale, f"rules for routes the app does not have: {sorted(stale)}"


def _resolve(world: World, value: Any) -> Any:
    return body_value(world, value)


def send(world: World, row: Row, name: str) -> TestResponse:
    who = world[name]
    path = row.rule
    if row.path is not None:
        path = fill_path(row.rule, [world_id(world, key) for key in row.path.split("+")])
    if row.query is not None:
        path = f"{path}?{row.query}"
    body: dict[str, Any] | None = None
    if row.body is not None:
        body = {key: _resolve(world, value) for key, value in row.body.items()}
    if row.rule == "/api/register":
        body = new_user_body()
    elif row.rule == "/api/login":
        username = who.user["username"] if who.user else "nobody-here"
        body = {"username": username, "password": who.password}
    elif row.rule == "/api/appointments" and row.method == "POST":
        slots = world["patient"].client.get(f"/api/doctors/{world['doctor'].id}/slots").get_json()
        slot = slots[10 + (*PRINCIPALS, *STAFF).index(name)]
        body = {"doctorId": world["doctor"].id, **slot, "reason": "CANARY-matrix-reason"}
    elif row.rule in ("/api/doctor/appointments", "/api/series"):
        slots = world["patient"].client.get(f"/api/doctors/{world['doctor'].id}/slots").get_json()
        body = {"patientId": world["patient"].id, "startTime": slots[20]["startTime"]}
        if row.rule == "/api/series":
            body.update(startTime=slots[30]["startTime"], everyWeeks=3, count=2)
    elif row.rule == "/api/frontdesk/appointments" and row.method == "POST":
        slots = world["patient"].client.get(f"/api/doctors/{world['doctor'].id}/slots").get_json()
        body = {"patientId": world["other_patient"].id, "doctorId": world["doctor"].id,
                "startTime": slots[40]["startTime"]}  # fmt: skip
    elif row.rule == "/api/admin/staff":
        username = f"matrix-staff-{name}-{next(_STAFF_NUMBER)}"
        body = {"role": "receptionist", "username": username,
                "email": f"{username}@example.org", "fullName": "Matrix Staff"}  # fmt: skip
    elif row.rule == "/api/password-reset":  # 3 per email an hour: one address each
        body = {"email": f"nobody-{name}@example.org"}
    client = who.fresh_client() if row.fresh and who.user else who.client
    if row.rule == UPLOAD_RULE and row.method == "POST":
        return send_upload(client, path, title="CANARY-matrix-title")
    if row.rule == ATTACHMENT_RULE and row.method == "POST":
        return send_message_file(client, path, body="CANARY-matrix-attached")
    if row.rule == NEW_THREAD_FILE_RULE and body is not None:
        fields = dict(body)
        return send_message_file(client, path, body=fields.pop("body"), fields=fields)
    return client.send(row.method, path, body)


def test_access_matrix(app: OpenAPI) -> None:
    world = build_world(app)
    mismatches = []
    for row in ROWS:
        for name in ORDER:
            expected = row.expected[PRINCIPALS.index(name)]
            response = send(world, row, name)
            assert response.status_code < 500, (row, name, response.get_data(as_text=True))
            if response.status_code != expected:
                detail = (response.get_json(silent=True) or {}).get("code")
                mismatches.append(
                    f"{row.method} {row.rule} as {name}: {response.status_code} "
                    f"({detail}), expected {expected}"
                )
            if response.status_code >= 400 and response.get_data():
                assert response.mimetype == "application/problem+json", (row, name)
    assert not mismatches, "\n".join(mismatches)
