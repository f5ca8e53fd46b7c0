"""#24 item 8: a "your password was changed" email after a change and after a reset."""

from __future__ import annotations

import pytest
from flask_openapi3 import OpenAPI

from clinic360.accounts import emails
from tests.accounts.conftest import SentEmails
from tests.factories import DEFAULT_PASSWORD, register
from tests.helpers import ApiClient, rendered_outbox_email

NEW_PASSWORD = "a brand new passphrase"


def _assert_notice(app: OpenAPI, sent: SentEmails, *secrets: str) -> None:
    (row,) = sent.of_kind("PASSWORD_CHANGED")
    assert not row.params  # nothing but ids is stored
    email = rendered_outbox_email(app, row.id)
    assert email["subject"] == "Your Clinic360 password was changed"
    for part in ("text/plain", "text/html"):
        body = email[part]
        assert "if it was not you" in body.lower()
        assert "/forgot-password" in body
        assert "token" not in body.lower()
        for secret in secrets:
            assert secret not in body


def test_a_password_change_sends_the_notice(
    app: OpenAPI, client: ApiClient, sent_emails: SentEmails
) -> None:
    register(client, username="nora")
    client.call(
        "POST",
        "/api/user/password",
        {"currentPassword": DEFAULT_PASSWORD, "newPassword": NEW_PASSWORD},
        status=204,
    )
    _assert_notice(app, sent_emails, DEFAULT_PASSWORD, NEW_PASSWORD)


def test_a_reset_sends_the_notice(app: OpenAPI, client: ApiClient, sent_emails: SentEmails) -> None:
    register(client, username="otto", email="otto@example.org")
    anonymous = client.another()
    anonymous.call("POST", "/api/password-reset", {"email": "otto@example.org"}, status=202)
    token = str(sent_emails.of_kind("PASSWORD_RESET")[-1].params["token"])  # type: ignore[index]
    anonymous.call(
        "POST",
        "/api/password-reset/confirm",
        {"token": token, "newPassword": NEW_PASSWORD},
        status=204,
    )
    _assert_notice(app, sent_emails, token, NEW_PASSWORD)


def test_no_notice_without_the_change_and_no_change_without_the_notice(
    app: OpenAPI, client: ApiClient, sent_emails: SentEmails, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outbox row is written in the password change's transaction: both or neither."""
    register(client, username="pia")
    wrong = {"currentPassword": "not the password", "newPassword": NEW_PASSWORD}
    assert client.post("/api/user/password", json=wrong).status_code == 422
    assert sent_emails.of_kind("PASSWORD_CHANGED") == []

    def broken_outbox(*args: object, **kwargs: object) -> None:
        raise RuntimeError("outbox write failed")

    monkeypatch.setattr(emails, "enqueue_email", broken_outbox)
    body = {"currentPassword": DEFAULT_PASSWORD, "newPassword": NEW_PASSWORD}
    assert client.post("/api/user/password", json=body).status_code == 500
    monkeypatch.undo()
    other = client.another()
    assert (
        other.post("/api/login", json={"username": "pia", "password": NEW_PASSWORD}).status_code
        == 401
    )
    assert (
        other.post("/api/login", json={"username": "pia", "password": DEFAULT_PASSWORD}).status_code
        == 200
    )
