"""AUTH-06: password reset by emailed token."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from flask_openapi3 import OpenAPI
from sqlalchemy import select
from werkzeug.test import TestResponse

from clinic360.accounts.models import PasswordResetToken
from clinic360.core.db import db
from tests.accounts.conftest import SentEmails
from tests.accounts.test_admin import admin_client
from tests.accounts.test_mfa import enrol
from tests.factories import DEFAULT_PASSWORD, register
from tests.helpers import ApiClient

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        yield traveller


def _request_token(client: ApiClient, sent: SentEmails, email: str) -> str:
    assert client.post("/api/password-reset", json={"email": email}).status_code == 202
    return str(sent.of_kind("PASSWORD_RESET")[-1].params["token"])


def test_same_answer_for_known_and_unknown_addresses(
    app: OpenAPI, client: ApiClient, sent_emails: SentEmails
) -> None:
    user = register(client, username="rita", email="rita@example.org")
    known = client.post("/api/password-reset", json={"email": "RITA@example.org"})
    unknown = client.post("/api/password-reset", json={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 202
    assert known.get_data() == unknown.get_data()
    (email,) = sent_emails.of_kind("PASSWORD_RESET")
    assert email.recipient_id == user["id"]
    token = email.params["token"]
    assert len(token) >= 43  # 256 bits, URL-safe base64
    with app.app_context():
        stored = db.session.scalars(select(PasswordResetToken.token_hash)).all()
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64


def test_confirm_sets_the_password_once_and_ends_every_session(
    client: ApiClient, new_client: Callable[[], ApiClient], sent_emails: SentEmails
) -> None:
    register(client, username="sam", email="sam@example.org")
    anonymous = new_client()
    token = _request_token(anonymous, sent_emails, "sam@example.org")
    weak = anonymous.post(
        "/api/password-reset/confirm", json={"token": token, "newPassword": "sam"}
    )
    assert weak.status_code == 422 and "newPassword" in weak.get_json()["errors"]
    body = {"token": token, "newPassword": NEW_PASSWORD}
    assert anonymous.post("/api/password-reset/confirm", json=body).status_code == 204
    again = anonymous.post("/api/password-reset/confirm", json=body)
    assert again.status_code == 400 and again.get_json()["code"] == "invalid_token"
    assert client.get("/api/user").status_code == 401  # the old session ended
    login = anonymous.post("/api/login", json={"username": "sam", "password": NEW_PASSWORD})
    assert login.status_code == 200
    assert "token" not in login.get_data(as_text=True).lower()


def test_expired_and_wrong_tokens_are_refused(
    client: ApiClient, sent_emails: SentEmails, clock: time_machine.Traveller
) -> None:
    register(client, username="tom", email="tom@example.org")
    token = _request_token(client, sent_emails, "tom@example.org")
    body = {"token": "x" * 43, "newPassword": NEW_PASSWORD}
    assert client.post("/api/password-reset/confirm", json=body).status_code == 400
    clock.shift(timedelta(hours=1, seconds=1))
    body["token"] = token
    assert client.post("/api/password-reset/confirm", json=body).status_code == 400


def test_concurrent_confirms_use_the_token_once(
    client: ApiClient, new_client: Callable[[], ApiClient], sent_emails: SentEmails
) -> None:
    register(client, username="uma", email="uma@example.org")
    token = _request_token(client, sent_emails, "uma@example.org")
    browsers = [new_client() for _ in range(6)]
    for browser in browsers:
        browser.csrf_token()
    statuses: list[int] = []
    barrier = threading.Barrier(len(browsers))

    def confirm(browser: ApiClient, index: int) -> None:
        barrier.wait()
        response = browser.post(
            "/api/password-reset/confirm",
            json={"token": token, "newPassword": f"{NEW_PASSWORD} {index}"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=confirm, args=(b, i)) for i, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [204] + [400] * 5


def test_old_password_stops_working(client: ApiClient, sent_emails: SentEmails) -> None:
    register(client, username="vic", email="vic@example.org")
    token = _request_token(client, sent_emails, "vic@example.org")
    body = {"token": token, "newPassword": NEW_PASSWORD}
    assert client.post("/api/password-reset/confirm", json=body).status_code == 204
    old = client.post("/api/login", json={"username": "vic", "password": DEFAULT_PASSWORD})
    assert old.status_code == 401


# --- security review #23 finding 1: a reset link dies with the credentials it was sent for --


def _confirm(client: ApiClient, token: str) -> TestResponse:
    return client.post(
        "/api/password-reset/confirm", json={"token": token, "newPassword": NEW_PASSWORD}
    )


def test_email_change_voids_outstanding_reset_links(
    client: ApiClient, new_client: Callable[[], ApiClient], sent_emails: SentEmails
) -> None:
    register(client, username="wes", email="wes@example.org")
    token = _request_token(new_client(), sent_emails, "wes@example.org")
    changed = client.put(
        "/api/user", json={"email": "wes.new@example.org", "currentPassword": DEFAULT_PASSWORD}
    )
    assert changed.status_code == 200
    assert client.get("/api/user").status_code == 200  # the owner's session goes on
    stale = _confirm(new_client(), token)
    assert stale.status_code == 400 and stale.get_json()["code"] == "invalid_token"
    fresh = _request_token(new_client(), sent_emails, "wes.new@example.org")
    assert _confirm(new_client(), fresh).status_code == 204


def test_password_change_voids_outstanding_reset_links(
    client: ApiClient, new_client: Callable[[], ApiClient], sent_emails: SentEmails
) -> None:
    register(client, username="xia", email="xia@example.org")
    token = _request_token(new_client(), sent_emails, "xia@example.org")
    changed = client.post(
        "/api/user/password",
        json={"currentPassword": DEFAULT_PASSWORD, "newPassword": "another passphrase here"},
    )
    assert changed.status_code == 204
    assert _confirm(new_client(), token).status_code == 400


def test_mfa_enrolment_voids_outstanding_reset_links(
    client: ApiClient, new_client: Callable[[], ApiClient], sent_emails: SentEmails
) -> None:
    register(client, username="yan", email="yan@example.org")
    token = _request_token(new_client(), sent_emails, "yan@example.org")
    enrol(client)
    assert _confirm(new_client(), token).status_code == 400


def test_suspension_voids_outstanding_reset_links(
    app: OpenAPI,
    client: ApiClient,
    new_client: Callable[[], ApiClient],
    sent_emails: SentEmails,
) -> None:
    doctor = register(new_client(), "doctor", username="drzed", email="drzed@example.org")
    token = _request_token(new_client(), sent_emails, "drzed@example.org")
    admin = admin_client(app, client)
    base = f"/api/admin/doctors/{doctor['id']}"
    assert admin.post(f"{base}/suspend", json={"reason": "review"}).status_code == 200
    assert admin.post(f"{base}/approve").status_code == 200  # reinstated
    assert _confirm(new_client(), token).status_code == 400
