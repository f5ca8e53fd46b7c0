"""AUTH-05 and CFG-04: login throttling, registration and reset caps, on a moved clock."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
import time_machine
from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from tests.accounts.conftest import SentEmails, use_default_limits
from tests.conftest import make_app
from tests.factories import DEFAULT_PASSWORD, register, registration_body
from tests.helpers import ApiClient, captured_logs


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def limited(app: OpenAPI) -> OpenAPI:
    use_default_limits(app)
    return app


def login(
    client: ApiClient, username: str, password: str, address: str = "203.0.113.7"
) -> TestResponse:
    return client.post(
        "/api/login",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def _headers_shape(response: TestResponse) -> set[str]:
    return {name for name, _ in response.headers if name.lower() not in {"x-request-id"}}


def test_five_failures_then_429_for_any_case_and_unknown_users(
    limited: OpenAPI, client: ApiClient, clock: time_machine.Traveller
) -> None:
    register(client, username="alice")
    for attempt in range(5):
        response = login(client, ["alice", "ALICE", "Alice"][attempt % 3], "wrong-password")
        assert response.status_code == 401
    blocked = login(client, "Alice", DEFAULT_PASSWORD)
    assert blocked.status_code == 429
    assert blocked.get_json()["code"] == "rate_limited"
    assert 1 <= int(blocked.headers["Retry-After"]) <= 15 * 60

    for _ in range(5):
        assert login(client, "nobody", "wrong-password").status_code == 401
    unknown = login(client, "NOBODY", "wrong-password")
    assert unknown.status_code == 429
    assert unknown.get_data() == blocked.get_data()
    assert _headers_shape(unknown) == _headers_shape(blocked)

    # Another address is not affected by this pair's count.
    assert login(client, "alice", DEFAULT_PASSWORD, address="198.51.100.1").status_code == 200

    clock.shift(timedelta(minutes=15, seconds=1))
    assert login(client, "alice", DEFAULT_PASSWORD).status_code == 200


def test_success_clears_the_failure_count(
    limited: OpenAPI, client: ApiClient, clock: time_machine.Traveller
) -> None:
    register(client, username="bea")
    for _ in range(4):
        assert login(client, "bea", "wrong-password").status_code == 401
    assert login(client, "bea", DEFAULT_PASSWORD).status_code == 200
    for _ in range(4):
        assert login(client, "bea", "wrong-password").status_code == 401
    assert login(client, "bea", DEFAULT_PASSWORD).status_code == 200


def test_one_address_gets_100_attempts_an_hour(
    limited: OpenAPI, client: ApiClient, clock: time_machine.Traveller
) -> None:
    statuses = [login(client, f"user{i}", "wrong-password").status_code for i in range(101)]
    assert statuses[:100] == [401] * 100
    assert statuses[100] == 429
    clock.shift(timedelta(hours=1, seconds=1))
    assert login(client, "user200", "wrong-password").status_code == 401


def test_one_username_gets_50_failures_an_hour_from_unknown_clients(
    limited: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    register(new_client(), username="carla")
    for i in range(50):
        attacker = new_client()
        assert login(attacker, "carla", "wrong-password", f"10.0.{i}.1").status_code == 401
    blocked = login(new_client(), "carla", DEFAULT_PASSWORD, address="10.9.9.9")
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) <= 3600
    clock.shift(timedelta(hours=1, seconds=1))
    assert login(new_client(), "carla", DEFAULT_PASSWORD, address="10.9.9.9").status_code == 200


def test_an_attack_on_a_username_never_locks_its_owner_out(
    limited: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    """Review #23 F-2: 11 addresses × 5 wrong passwords used to lock the account for an
    hour, right password included; a known client of the owner now gets in."""
    owner = new_client()
    register(owner, username="drhouse")  # signing in makes this browser a known device
    owner.post("/api/logout")
    office = new_client()  # an address the owner signed in from before
    assert login(office, "drhouse", DEFAULT_PASSWORD, "192.0.2.50").status_code == 200
    for address in range(11):
        attacker = new_client()
        for _ in range(5):
            login(attacker, "drhouse", "wrong-password", f"198.51.100.{address}")
    assert login(new_client(), "drhouse", DEFAULT_PASSWORD, "203.0.113.99").status_code == 429

    # The owner's browser, from an address never seen: wrong password 401, right one 200.
    assert login(owner, "drhouse", "wrong-password", "203.0.113.77").status_code == 401
    assert login(owner, "drhouse", DEFAULT_PASSWORD, "203.0.113.77").status_code == 200
    # A fresh browser at the address the owner signed in from before.
    assert login(new_client(), "drhouse", DEFAULT_PASSWORD, "192.0.2.50").status_code == 200
    # The attacker's addresses stay blocked for this username, whatever the password.
    assert login(new_client(), "drhouse", DEFAULT_PASSWORD, "198.51.100.3").status_code == 429


def test_a_forged_device_cookie_is_ignored(
    limited: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    user = register(new_client(), username="gil")
    for i in range(50):
        login(new_client(), "gil", "wrong-password", f"10.1.{i}.1")
    forger = new_client()
    forger.http.set_cookie("clinic360_device", f"[{user['id']}]")
    assert login(forger, "gil", DEFAULT_PASSWORD, "10.9.9.8").status_code == 429


def test_failures_and_limits_are_logged_with_address_and_account(
    limited: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    """Review #23 F-8: an attack can be traced to addresses and accounts."""
    user = register(new_client(), username="hana")
    with captured_logs() as lines:
        for _ in range(6):
            login(new_client(), "hana", "wrong-password", "198.51.100.66")
        login(new_client(), "Nobody-Here", "wrong-password", "198.51.100.67")
    entries = [json.loads(line) for line in lines]
    failures = [e for e in entries if e["msg"] == "login failed"]
    assert failures[0]["client_address"] == "198.51.100.66"
    assert failures[0]["user_id"] == user["id"]
    unknown = failures[-1]
    assert unknown["client_address"] == "198.51.100.67" and "user_id" not in unknown
    assert len(unknown["username_hash"]) == 24
    assert "nobody-here" not in "\n".join(lines).lower()
    (limit,) = [e for e in entries if e["msg"] == "rate limit reached"]
    assert limit["limit"] == "login-failures" and limit["user_id"] == user["id"]
    assert limit["client_address"] == "198.51.100.66"


def test_twenty_registrations_per_address_an_hour(
    limited: OpenAPI, new_client: Callable[[], ApiClient], clock: time_machine.Traveller
) -> None:
    for _ in range(20):
        register(new_client())
    browser = new_client()
    response = browser.post("/api/register", json=registration_body())
    assert response.status_code == 429 and "Retry-After" in response.headers
    clock.shift(timedelta(hours=1, seconds=1))
    register(new_client(), username="onemore")


def test_reset_requests_are_capped_per_email_silently_and_per_address(
    limited: OpenAPI,
    client: ApiClient,
    new_client: Callable[[], ApiClient],
    sent_emails: SentEmails,
    clock: time_machine.Traveller,
) -> None:
    register(client, username="dora", email="dora@example.org")

    def reset(email: str, address: str = "203.0.113.9", browser: ApiClient | None = None) -> int:
        return (
            (browser or new_client())
            .post(
                "/api/password-reset", json={"email": email}, environ_base={"REMOTE_ADDR": address}
            )
            .status_code
        )

    # Review #23 F-2: beyond the quota the answer stays 202, no more emails go out ...
    assert [reset("dora@example.org") for _ in range(4)] == [202] * 4
    assert len(sent_emails.of_kind("PASSWORD_RESET")) == 3
    assert [reset("ghost@example.org") for _ in range(4)] == [202] * 4
    # ... and the owner's own browser (a known device) still gets a link.
    assert reset("dora@example.org", "192.0.2.1", browser=client) == 202
    assert len(sent_emails.of_kind("PASSWORD_RESET")) == 4
    statuses = [reset(f"x{i}@example.org", address="203.0.113.10") for i in range(21)]
    assert statuses == [202] * 20 + [429]
    clock.shift(timedelta(hours=1, seconds=1))
    assert reset("DORA@example.org") == 202
    assert len(sent_emails.of_kind("PASSWORD_RESET")) == 5


def test_wrong_current_password_is_throttled(
    limited: OpenAPI, client: ApiClient, clock: time_machine.Traveller
) -> None:
    register(client)
    body = {"currentPassword": "wrong-password", "newPassword": "a new passphrase here"}
    statuses = [client.post("/api/user/password", json=body).status_code for _ in range(6)]
    assert statuses == [422] * 5 + [429]


# --- the Redis store (scaled out) -----------------------------------------------------


@pytest.fixture
def redis_app(sqlite_url: str, tmp_path: Path, redis_url: str) -> Iterator[OpenAPI]:
    application = make_app(sqlite_url, tmp_path / "instance", REDIS_URL=redis_url)
    prefix = f"test:{secrets.token_hex(8)}:"
    application.config["RATE_LIMIT_REDIS_PREFIX"] = prefix
    use_default_limits(application)
    yield application
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def test_redis_counters_are_shared_and_follow_the_app_clock(
    redis_app: OpenAPI, clock: time_machine.Traveller
) -> None:
    first, second = ApiClient(redis_app), ApiClient(redis_app)
    register(first, username="erik")
    for _ in range(5):
        assert login(first, "erik", "wrong-password").status_code == 401
    assert login(second, "ERIK", DEFAULT_PASSWORD).status_code == 429
    clock.shift(timedelta(minutes=15, seconds=1))
    assert login(second, "erik", DEFAULT_PASSWORD).status_code == 200


def test_redis_outage_fails_closed_with_503(
    redis_app: OpenAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = ApiClient(redis_app)
    register(browser, username="fiona")
    browser.post("/api/logout")
    browser.csrf_token(refresh=True)

    def down(*_args: object, **_kwargs: object) -> None:
        raise redis.ConnectionError("connection refused")

    monkeypatch.setattr(redis.Redis, "eval", down)
    for _ in range(10):
        response = login(browser, "fiona", "wrong-password")
        assert response.status_code == 503
        assert response.get_json()["code"] == "service_unavailable"


def test_redis_down_entirely_is_503_never_500(sqlite_url: str, tmp_path: Path) -> None:
    application = make_app(sqlite_url, tmp_path / "instance", REDIS_URL="redis://127.0.0.1:1/0")
    http = application.test_client()
    assert http.get("/api/csrf").status_code == 503
    http.set_cookie("clinic360_session", "a" * 43)
    response = http.post("/api/login", json={"username": "fiona", "password": "x" * 10})
    assert response.status_code == 503
    assert response.get_json()["code"] == "service_unavailable"
