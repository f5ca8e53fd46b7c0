"""Review #23 F-5: anonymous requests cannot fill the disk with session files (embedded).

A session that holds only a CSRF token lives in a signed cookie; sessions that end by
timeout are swept; a forged anonymous cookie carries nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from flask_openapi3 import OpenAPI

from tests.factories import DEFAULT_PASSWORD, register
from tests.helpers import ApiClient


def _session_files(app: OpenAPI) -> list[Path]:
    folder = Path(app.instance_path) / "sessions"
    return [path for path in folder.iterdir() if not path.name.startswith("__wz_cache")]


def test_300_anonymous_csrf_requests_leave_no_session_file(sqlite_app: OpenAPI) -> None:
    http = sqlite_app.test_client(use_cookies=False)
    tokens = {http.get("/api/csrf").get_json()["csrfToken"] for _ in range(300)}
    assert len(tokens) == 300
    assert _session_files(sqlite_app) == []
    # The cookie-held token still protects and permits writes; login makes it a file.
    browser = ApiClient(sqlite_app)
    register(browser, username="fileuser")
    assert len(_session_files(sqlite_app)) == 1
    assert browser.get("/api/user").status_code == 200
    missing = ApiClient(sqlite_app).http.post("/api/logout")
    assert missing.status_code == 403 and missing.get_json()["code"] == "csrf_failed"


def test_logout_and_timeouts_leave_no_session_file(sqlite_app: OpenAPI) -> None:
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        browser = ApiClient(sqlite_app)
        register(browser, username="sleepy")
        other = ApiClient(sqlite_app)
        assert (
            other.post(
                "/api/login", json={"username": "sleepy", "password": DEFAULT_PASSWORD}
            ).status_code
            == 200
        )
        before_logout = set(_session_files(sqlite_app))
        assert other.post("/api/logout").status_code == 204
        after_logout = set(_session_files(sqlite_app))
        # The logged-out session's file is gone; in its place one revocation marker (no
        # session data), which lives for the idle timeout like an idle session.
        assert len(before_logout - after_logout) == 1 and len(after_logout - before_logout) == 1
        assert len(after_logout) == 2
        clock.shift(timedelta(minutes=16))  # past the idle timeout and the sweep interval
        register(ApiClient(sqlite_app), username="later")
        assert len(_session_files(sqlite_app)) == 1  # the idle one and the marker were swept


def test_a_forged_anonymous_cookie_carries_nothing(sqlite_app: OpenAPI) -> None:
    user = register(ApiClient(sqlite_app), username="victim")
    http = sqlite_app.test_client()
    http.set_cookie("clinic360_session", f'a.{{"user_id": {user["id"]}}}')
    assert http.get("/api/user").status_code == 401
