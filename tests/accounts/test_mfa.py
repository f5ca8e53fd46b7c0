"""Two-factor sign-in (GAP-1, AUTH-08): RFC 6238 codes, enrolment, two-step login,
single-use codes and recovery codes, throttling, and the role requirement.

Codes are computed by pyotp (the server uses it too); the RFC vectors pin that the library,
as configured, is RFC 6238 HMAC-SHA1."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import pyotp
import pytest
import time_machine
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.accounts import mfa
from clinic360.accounts.models import MfaRecoveryCode
from clinic360.core.db import db
from tests.factories import DEFAULT_PASSWORD, register
from tests.helpers import ApiClient

START = datetime(2031, 3, 4, 10, 0, 10, tzinfo=UTC)  # 10 s into a 30-second step


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code(secret: str, offset_steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(datetime.now(UTC), counter_offset=offset_steps)


@pytest.mark.parametrize(
    ("unix_time", "expected"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc_6238_sha1_vectors(unix_time: int, expected: str) -> None:
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert pyotp.TOTP(secret, digits=8, interval=mfa.TOTP_STEP_SECONDS).at(unix_time) == expected


def test_secret_and_uri(client: ApiClient) -> None:
    user = register(client, "patient")
    setup = client.post("/api/user/mfa/setup").get_json()
    secret = setup["secret"]
    assert len(base64.b32decode(secret)) == 20
    uri = urlparse(setup["otpauthUri"])
    assert uri.scheme == "otpauth" and uri.netloc == "totp"
    assert uri.path == f"/Clinic360:{user['username']}"
    assert parse_qs(uri.query)["secret"] == [secret]
    assert parse_qs(uri.query)["issuer"] == ["Clinic360"]
    # Parameters an authenticator app would read: the RFC 6238 defaults we use.
    parsed = pyotp.parse_uri(setup["otpauthUri"])
    assert isinstance(parsed, pyotp.TOTP)
    assert (parsed.digits, parsed.interval, parsed.digest().name) == (6, 30, "sha1")


@pytest.mark.parametrize("wrong", ["12345", "1234567", "abcdef", "１２３４５６", ""])
def test_malformed_codes_are_refused(client: ApiClient, clock: Any, wrong: str) -> None:
    register(client, "patient")
    secret = client.post("/api/user/mfa/setup").get_json()["secret"]
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    if wrong == "１２３４５６":  # the right code in fullwidth digits (pyotp would NFKC-match it)
        wrong = code(secret).translate(fullwidth)
    response = client.post("/api/user/mfa/confirm", json={"code": wrong})
    assert response.status_code == 422
    assert client.post("/api/user/mfa/confirm", json={"code": code(secret)}).status_code == 200


def enrol(client: ApiClient) -> tuple[str, list[str]]:
    """Set up and confirm two-factor sign-in for the logged-in user."""
    setup = client.post("/api/user/mfa/setup")
    assert setup.status_code == 200, setup.get_data(as_text=True)
    body = setup.get_json()
    assert body["qrCode"].startswith("data:image/svg+xml")
    assert body["secret"] in body["otpauthUri"]
    confirm = client.post("/api/user/mfa/confirm", json={"code": code(body["secret"])})
    assert confirm.status_code == 200, confirm.get_data(as_text=True)
    codes = confirm.get_json()["recoveryCodes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    return body["secret"], codes


def password_step(client: ApiClient, username: str) -> Any:
    response = client.post("/api/login", json={"username": username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_enrolment_then_two_step_login(
    app: OpenAPI, client: ApiClient, new_client: Callable[[], ApiClient], clock: Any
) -> None:
    user = register(client, "patient")
    assert user["mfaEnabled"] is False and user["mfaRequired"] is False
    first = client.post("/api/user/mfa/setup").get_json()
    second = client.post("/api/user/mfa/setup").get_json()  # restarting replaces the secret
    assert first["secret"] != second["secret"]
    wrong = client.post("/api/user/mfa/confirm", json={"code": code(first["secret"])})
    assert wrong.status_code == 422 and "code" in wrong.get_json()["errors"]
    confirm = client.post("/api/user/mfa/confirm", json={"code": code(second["secret"])})
    assert confirm.status_code == 200
    assert client.get("/api/user").get_json()["mfaEnabled"] is True  # this session goes on
    assert client.post("/api/user/mfa/setup").status_code == 409
    secret = second["secret"]

    browser = new_client()
    assert password_step(browser, user["username"]) == {"mfaRequired": True}
    assert browser.get("/api/user").status_code == 401  # not logged in yet
    # The confirmation code's step is used up; the next step's code works once.
    reused = browser.post("/api/login/mfa", json={"code": code(secret)})
    assert reused.status_code == 401 and reused.get_json()["code"] == "invalid_mfa_code"
    clock.shift(timedelta(seconds=30))
    ok = browser.post("/api/login/mfa", json={"code": code(secret)})
    assert ok.status_code == 200 and ok.get_json()["id"] == user["id"]
    assert browser.get("/api/user").status_code == 200

    third = new_client()
    password_step(third, user["username"])
    assert third.post("/api/login/mfa", json={"code": code(secret)}).status_code == 401


def test_window_is_one_step_either_side(
    client: ApiClient, new_client: Callable[[], ApiClient], clock: Any
) -> None:
    user = register(client, "patient")
    secret, _ = enrol(client)
    clock.shift(timedelta(minutes=5))
    results = {}
    for offset in (-2, 2, -1, 1):
        browser = new_client()
        password_step(browser, user["username"])
        response = browser.post("/api/login/mfa", json={"code": code(secret, offset)})
        results[offset] = response.status_code
    # -1 is accepted; +1 then too (a later step); ±2 never.
    assert results == {-2: 401, 2: 401, -1: 200, 1: 200}


@pytest.mark.parametrize(
    ("second_of_step", "generated_seconds_from_now", "status"),
    [
        # First second of a step: the previous step is still accepted, the one before not.
        (0, -30, 200),
        (0, -31, 401),
        (0, 30, 200),
        (0, 60, 401),
        # Last second of a step: a code from 59 s ago (previous step) is, from 60 s ago not;
        # a code from 1 s ahead (next step) is, from 31 s ahead (two steps) not.
        (29, -59, 200),
        (29, -60, 401),
        (29, 1, 200),
        (29, 31, 401),
    ],
)
def test_window_edges(
    client: ApiClient,
    new_client: Callable[[], ApiClient],
    clock: Any,
    second_of_step: int,
    generated_seconds_from_now: int,
    status: int,
) -> None:
    """API.md: the current 30-second step and one step either side, computed by pyotp."""
    user = register(client, "patient")
    secret, _ = enrol(client)
    step_start = (int(START.timestamp()) // 30 + 10) * 30  # ten steps after enrolment
    clock.move_to(datetime.fromtimestamp(step_start + second_of_step, UTC))
    browser = new_client()
    password_step(browser, user["username"])
    generated = pyotp.TOTP(secret).at(datetime.now(UTC).timestamp() + generated_seconds_from_now)
    response = browser.post("/api/login/mfa", json={"code": generated})
    assert response.status_code == status, response.get_data(as_text=True)


def test_recovery_codes_are_single_use_and_stored_hashed(
    app: OpenAPI, client: ApiClient, new_client: Callable[[], ApiClient], clock: Any
) -> None:
    user = register(client, "patient")
    _, codes = enrol(client)
    browser = new_client()
    password_step(browser, user["username"])
    ok = browser.post("/api/login/mfa", json={"recoveryCode": codes[0].upper()})
    assert ok.status_code == 200
    again = new_client()
    password_step(again, user["username"])
    assert again.post("/api/login/mfa", json={"recoveryCode": codes[0]}).status_code == 401
    neither = again.post("/api/login/mfa", json={})
    assert neither.status_code == 401
    with app.app_context():
        rows = db.session.scalars(select(MfaRecoveryCode)).all()
        stored = {row.code_hash for row in rows}
        assert len(rows) == 10 and sum(row.used_at is not None for row in rows) == 1
    assert not stored & set(codes)


def test_code_step_is_throttled_and_expires(
    app: OpenAPI, client: ApiClient, new_client: Callable[[], ApiClient], clock: Any
) -> None:
    user = register(client, "patient")
    secret, _ = enrol(client)
    clock.shift(timedelta(seconds=30))
    browser = new_client()
    password_step(browser, user["username"])
    statuses = [
        browser.post("/api/login/mfa", json={"code": "000000"}).status_code for _ in range(5)
    ]
    assert statuses == [401] * 5
    limited = browser.post("/api/login/mfa", json={"code": code(secret)})
    assert limited.status_code == 429 and limited.headers["Retry-After"]

    clock.shift(timedelta(minutes=16))
    late = new_client()
    assert late.post("/api/login/mfa", json={"code": code(secret)}).get_json()["code"] == (
        "mfa_login_expired"
    )
    password_step(late, user["username"])
    clock.shift(timedelta(minutes=app.config["MFA_LOGIN_MINUTES"], seconds=1))
    expired = late.post("/api/login/mfa", json={"code": code(secret)})
    assert expired.status_code == 401 and expired.get_json()["code"] == "mfa_login_expired"


def test_confirming_ends_other_sessions(
    client: ApiClient, new_client: Callable[[], ApiClient], clock: Any
) -> None:
    user = register(client, "patient")
    other = new_client()
    other.post("/api/login", json={"username": user["username"], "password": DEFAULT_PASSWORD})
    assert other.get("/api/user").status_code == 200
    enrol(client)
    assert other.get("/api/user").status_code == 401
    assert client.get("/api/user").status_code == 200


def test_required_roles_must_enrol_first(app: OpenAPI, client: ApiClient, clock: Any) -> None:
    app.config["MFA_REQUIRED_ROLES"] = frozenset({"doctor", "admin"})
    doctor = register(client, "doctor")
    assert doctor["mfaRequired"] is True and doctor["mfaEnabled"] is False
    blocked = client.get("/api/schedule")
    assert blocked.status_code == 403
    assert blocked.get_json()["code"] == "mfa_enrolment_required"
    assert client.get("/api/doctors").status_code == 403
    assert client.put("/api/user", json={"fullName": "Dr Enrolling"}).status_code == 200
    enrol(client)
    assert client.get("/api/schedule").status_code == 200

    patient = ApiClient(app)
    register(patient, "patient")
    assert patient.get("/api/doctors").status_code == 200
