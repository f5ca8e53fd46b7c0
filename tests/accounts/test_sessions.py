"""SESS-01 … SESS-06: cookie flags, opaque ids, rotation, logout, idle and absolute timeouts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import flask
import pytest
import time_machine
from flask_openapi3 import OpenAPI

from clinic360.accounts.current import current_user_or_none
from clinic360.core.security import CSRF_HEADER
from tests.conftest import make_app
from tests.factories import DEFAULT_PASSWORD, register, registration_body
from tests.helpers import ApiClient

COOKIE = "clinic360_session"


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


def _set_cookie_header(response_headers: list[str], name: str) -> str:
    matches = [h for h in response_headers if h.startswith(f"{name}=")]
    assert matches, response_headers
    return matches[-1]


def test_cookie_flags_over_http(client: ApiClient) -> None:
    response = client.post("/api/register", json=registration_body())
    header = _set_cookie_header(response.headers.getlist("Set-Cookie"), COOKIE)
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "Domain" not in header
    sid = header.split(";")[0].split("=", 1)[1]
    assert len(sid) >= 32 and sid not in response.get_data(as_text=True)
    assert "." not in sid and "user" not in sid.lower()  # an opaque id, not signed data


def test_cookie_is_secure_and_host_prefixed_behind_https(sqlite_url: str, tmp_path: Path) -> None:
    application = make_app(sqlite_url, tmp_path / "inst", PUBLIC_URL="https://clinic.example")
    http = application.test_client()
    response = http.get("/api/csrf", base_url="https://clinic.example")
    header = _set_cookie_header(response.headers.getlist("Set-Cookie"), f"__Host-{COOKIE}")
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    csrf = _set_cookie_header(response.headers.getlist("Set-Cookie"), "csrf_token")
    assert "Secure" in csrf and "HttpOnly" not in csrf


def test_tampered_cookie_is_anonymous(client: ApiClient) -> None:
    register(client)
    cookie = client.http.get_cookie(COOKIE)
    assert cookie is not None
    flipped = cookie.value[:-1] + ("A" if cookie.value[-1] != "A" else "B")
    client.http.set_cookie(COOKIE, flipped)
    assert client.get("/api/user").status_code == 401


def test_fixation_old_id_and_pre_login_csrf_token_die_at_login(
    client: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    register(client, username="fix1")
    browser = new_client()
    pre_login_token = browser.csrf_token()
    before = browser.http.get_cookie(COOKIE)
    assert before is not None
    browser.post("/api/login", json={"username": "fix1", "password": DEFAULT_PASSWORD})
    after = browser.http.get_cookie(COOKIE)
    assert after is not None and after.value != before.value
    assert browser.get("/api/user").status_code == 200
    # The pre-login token is bound to the old session: refused now.
    stale = browser.http.put(
        "/api/user", json={"fullName": "X"}, headers={CSRF_HEADER: pre_login_token}
    )
    assert stale.status_code == 403 and stale.get_json()["code"] == "csrf_failed"
    # Replaying the pre-login cookie gives nothing.
    attacker = new_client()
    attacker.http.set_cookie(COOKIE, before.value)
    assert attacker.get("/api/user").status_code == 401


def test_registration_rotates_the_id(client: ApiClient) -> None:
    client.csrf_token()
    before = client.http.get_cookie(COOKIE)
    register(client)
    after = client.http.get_cookie(COOKIE)
    assert before is not None and after is not None and before.value != after.value


def test_logout_destroys_the_session_server_side(
    client: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    register(client)
    cookie = client.http.get_cookie(COOKIE)
    assert cookie is not None
    response = client.post("/api/logout")
    assert response.status_code == 204
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    expired = _set_cookie_header(response.headers.getlist("Set-Cookie"), COOKIE)
    assert "Expires=Thu, 01 Jan 1970" in expired
    replay = new_client()
    replay.http.set_cookie(COOKIE, cookie.value)
    assert replay.get("/api/user").get_json()["code"] == "unauthenticated"


@pytest.fixture(params=["embedded", "redis"])
def store_app(
    request: pytest.FixtureRequest,
    pg_app: OpenAPI,
    pg_database_url: str,
    tmp_path: Path,
    redis_url: str,
) -> OpenAPI:
    """The app with its sessions in files (embedded) or in Redis (scaled out)."""
    if request.param == "embedded":
        return pg_app
    return make_app(pg_database_url, tmp_path / "scaled", REDIS_URL=redis_url)


def test_a_request_running_across_logout_cannot_revive_the_session(store_app: OpenAPI) -> None:
    """A request of the same browser loads the session, the user logs out (another request,
    another thread), then the first request saves the session (last_seen refreshed) and sets
    its cookie again: the session stays ended (seen as a flaky e2e MFA-flow failure)."""
    client = ApiClient(store_app)
    register(client)
    cookie = client.http.get_cookie(COOKIE)
    assert cookie is not None
    running = store_app.test_request_context(
        "/api/user", headers={"Cookie": f"{COOKIE}={cookie.value}"}
    )
    running.push()
    try:
        assert current_user_or_none() is not None  # loaded before the logout
        flask.session.modified = True  # as when this request touches `last_seen`
        logout = threading.Thread(target=lambda: client.call("POST", "/api/logout", status=204))
        logout.start()
        logout.join()
        late = store_app.process_response(store_app.response_class())  # saved after it
    finally:
        running.pop()
    replay = ApiClient(store_app)
    replay.http.set_cookie(COOKIE, cookie.value)
    assert replay.get("/api/user").get_json()["code"] == "unauthenticated"
    assert any(h.startswith(f"{COOKIE}={cookie.value}") for h in late.headers.getlist("Set-Cookie"))
    assert replay.get("/api/user").status_code == 401  # the refused id stays refused


def test_idle_timeout_ends_the_session_and_activity_keeps_it(
    app: OpenAPI, client: ApiClient, clock: time_machine.Traveller
) -> None:
    app.config["SESSION_IDLE_SECONDS"] = 60
    # The web app reads the timeout from here to leave the signed-in screens in time ...
    # ... less the touch interval (a quarter of it here), by which it may end early.
    assert client.get("/api/csrf").get_json()["sessionIdleSeconds"] == 60 - 15
    register(client)
    for _ in range(5):
        clock.shift(timedelta(seconds=50))
        assert client.get("/api/user").status_code == 200
    clock.shift(timedelta(seconds=61))
    response = client.get("/api/user")
    assert response.status_code == 401 and response.get_json()["code"] == "unauthenticated"


def test_background_polls_are_not_activity(
    app: OpenAPI, client: ApiClient, clock: time_machine.Traveller
) -> None:
    """The web app's polls (unread messages every minute) keep nobody signed in."""
    app.config["SESSION_IDLE_SECONDS"] = 60
    register(client)
    background = {"X-Background-Request": "1"}
    for _ in range(2):
        clock.shift(timedelta(seconds=25))
        assert client.get("/api/user", headers=background).status_code == 200
    clock.shift(timedelta(seconds=11))  # 61 s after the last request that was activity
    response = client.get("/api/user", headers=background)
    assert response.status_code == 401 and response.get_json()["code"] == "unauthenticated"


def test_absolute_timeout_despite_activity(
    app: OpenAPI, client: ApiClient, clock: time_machine.Traveller
) -> None:
    app.config["SESSION_MAX_HOURS"] = 1
    register(client)
    for _ in range(5):
        clock.shift(timedelta(minutes=10))
        assert client.get("/api/user").status_code == 200
    clock.shift(timedelta(minutes=10, seconds=1))
    assert client.get("/api/user").status_code == 401


def test_a_session_is_written_back_once_per_touch_interval_not_per_request(
    store_app: OpenAPI, clock: time_machine.Traveller, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests within SESSION_TOUCH_SECONDS of the last write leave the store alone (no
    write per request, embedded or Redis); the first one after it slides the session."""
    store_app.config.update(SESSION_IDLE_SECONDS=900, SESSION_TOUCH_SECONDS=60)
    interface = store_app.session_interface
    writes: list[str] = []
    upsert = interface._upsert_session  # type: ignore[attr-defined]

    def counted(*args: object) -> None:
        writes.append("write")
        upsert(*args)

    monkeypatch.setattr(interface, "_upsert_session", counted)
    client = ApiClient(store_app)
    register(client)
    writes.clear()
    for _ in range(5):
        clock.shift(timedelta(seconds=10))
        assert client.get("/api/user").status_code == 200
    assert writes == []
    clock.shift(timedelta(seconds=11))  # 61 s after the login's write
    assert client.get("/api/user").status_code == 200
    assert writes == ["write"]
    clock.shift(timedelta(seconds=899))  # within the idle timeout of that write: still in
    assert client.get("/api/user").status_code == 200
    clock.shift(timedelta(seconds=901))
    assert client.get("/api/user").status_code == 401
