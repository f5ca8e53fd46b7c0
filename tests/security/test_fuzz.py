"""INP-03: schemathesis over /api/openapi.json as anonymous, patient, doctor, admin,
receptionist and manager (in process).

CSRF stays on: each case carries the principal's session cookie and CSRF token. Calls that
end or replace the session (logout, password change, MFA confirmation, login) are left to
their own tests. Checks: no server error, status codes, content types and bodies conform
to the document. Runs on SQLite (the PostgreSQL side is covered by the API tests).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from flask_openapi3 import OpenAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks as st_checks

from tests.conftest import make_app
from tests.factories import admin_party, book_free_slot, new_party, open_doctor, staff_party
from tests.helpers import ApiClient
from tests.security.world import CANARY

SESSION_ENDING = ("/api/logout", "/api/user/password", "/api/user/mfa/confirm", "/api/login")


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> OpenAPI:
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(sqlite_template, folder / "fuzz.db")
    return make_app(f"sqlite:///{folder / 'fuzz.db'}", folder / "instance")


@pytest.fixture(scope="module")
def principals(fuzz_app: OpenAPI) -> dict[str, dict[str, Any]]:
    """Session cookie and CSRF token of a patient and a doctor who share an appointment (and
    a message thread: the doctor accepts messages), and of an admin."""

    found: dict[str, dict[str, Any]] = {"anonymous": {}}
    people = {
        "patient": new_party(ApiClient(fuzz_app), "patient"),
        "doctor": open_doctor(ApiClient(fuzz_app)),
        "admin": admin_party(fuzz_app),
        "receptionist": staff_party(fuzz_app, "receptionist"),
        "manager": staff_party(fuzz_app, "manager"),
    }
    book_free_slot(people["patient"], people["doctor"], index=1, reason=f"{CANARY}-reason")
    people["doctor"].client.call("PUT", "/api/user", {"acceptsMessages": True})
    thread = {"doctorId": people["doctor"].id, "subject": CANARY, "body": f"{CANARY}-message"}
    people["patient"].client.call("POST", "/api/messages/threads", thread, status=201)
    for role, person in people.items():
        cookie = person.client.http.get_cookie("clinic360_session")
        assert cookie is not None
        found[role] = {
            "cookies": {"clinic360_session": cookie.value},
            "headers": {"X-CSRF-Token": person.client.csrf_token(refresh=True)},
        }
    return found


# Review #23 F-6: values that used to give 500. The hooks below rewrite some generated
# values so that every operation gets them: each string value of a body with a lone
# surrogate, a private-use or an unassigned code point; each date-time query parameter
# out of range.
EDGE_TEXT = ("\ud800", "\ue000", "\u0378")
EDGE_INSTANTS = ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00")


def _spoil(value: Any, text: str) -> Any:
    if isinstance(value, str):
        return value + text
    if isinstance(value, list):
        return [_spoil(item, text) for item in value]
    if isinstance(value, dict):
        return {key: _spoil(item, text) for key, item in value.items()}
    return value


def _spoiled_body(drawn: tuple[Any, int]) -> Any:
    """The body as generated (index 0) or with one of EDGE_TEXT in every string."""
    body, index = drawn
    return body if index == 0 else _spoil(body, EDGE_TEXT[index - 1])


def _date_time_parameters(operation: Any) -> list[str]:
    return [p.name for p in operation.query if "date-time" in json.dumps(p.definition)]


def add_edge_hooks(schema: Any) -> None:
    @schema.hook
    def before_generate_body(context: Any, strategy: Any) -> Any:
        operation = context.operation
        if operation is not None and any("multipart" in alt.media_type for alt in operation.body):
            # A multipart part is bytes on the wire: no client can send a lone surrogate in
            # one (the test client fails to encode it before any request is made).
            return strategy
        return st.tuples(strategy, st.integers(0, len(EDGE_TEXT))).map(_spoiled_body)

    @schema.hook
    def before_generate_query(context: Any, strategy: Any) -> Any:
        names = _date_time_parameters(context.operation) if context.operation else []
        if not names:
            return strategy

        def edge(drawn: tuple[Any, int, str]) -> Any:
            query, index, name = drawn
            if index == 0 or not isinstance(query, dict):
                return query
            return {**query, name: EDGE_INSTANTS[index - 1]}

        return st.tuples(strategy, st.integers(0, len(EDGE_INSTANTS)), st.sampled_from(names)).map(
            edge
        )


FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.mark.slow
@pytest.mark.parametrize(
    "who", ["anonymous", "patient", "doctor", "admin", "receptionist", "manager"]
)
def test_openapi_contract(
    who: str, fuzz_app: OpenAPI, principals: dict[str, dict[str, Any]]
) -> None:
    """Every operation, generated cases (valid and invalid), all default checks."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", fuzz_app)
    add_edge_hooks(schema)
    auth = principals[who]
    # positive_data_acceptance is off: some rules are not expressible in JSON Schema (a
    # 62-day range, `to` after `from`, a reason that is not blank) and rightly give 422.
    excluded = [st_checks.positive_data_acceptance]
    if who == "anonymous":  # the anonymous run has no credentials to leave out
        excluded.append(st_checks.ignored_auth)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path in SESSION_ENDING:
            continue

        @FUZZ
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            case.headers = {**(case.headers or {}), **auth.get("headers", {})}
            case.cookies = {**(case.cookies or {}), **auth.get("cookies", {})}
            case.call_and_validate(excluded_checks=excluded)

        try:
            run()
        except (
            Exception,
            BaseExceptionGroup,
        ) as exc:  # collect every operation's failure, then report them all
            inner = getattr(exc, "exceptions", [exc])
            kinds = sorted({f"{type(e).__name__}: {e}"[:600] for e in inner})
            failures.append(f"{operation.method.upper()} {operation.path}: {kinds}")
    assert not failures, "\n\n".join(failures)
