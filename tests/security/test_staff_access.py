"""AC-01 for the principals beyond the matrix's seven columns: a receptionist and a manager
(issue 21). Every route of the matrix is sent as each; STAFF_EXPECTED lists their answers
(SQLite and PostgreSQL)."""

from __future__ import annotations

from flask_openapi3 import OpenAPI

from tests.security.access_matrix import ROWS, STAFF, STAFF_EXPECTED
from tests.security.test_access_matrix import send
from tests.security.world import build_world


def test_every_route_has_staff_answers() -> None:
    listed = {(row.method, row.rule) for row in ROWS}
    assert set(STAFF_EXPECTED) == listed, sorted(listed ^ set(STAFF_EXPECTED))


def test_staff_access(app: OpenAPI) -> None:
    world = build_world(app)
    mismatches = []
    for row in ROWS:
        for index, name in enumerate(STAFF):
            response = send(world, row, name)
            assert response.status_code < 500, (row, name, response.get_data(as_text=True))
            expected = STAFF_EXPECTED[(row.method, row.rule)][index]
            if response.status_code != expected:
                answer = response.get_json(silent=True)
                detail = answer.get("code") if isinstance(answer, dict) else None
                mismatches.append(
                    f'    "{row.method} {row.rule}": ({response.status_code}, ...) as {name} '
                    f"({detail}), expected {expected}"
                )
            if response.status_code >= 400 and response.get_data():
                assert response.mimetype == "application/problem+json", (row, name)
    assert not mismatches, "\n".join(mismatches)
