"""#24 item 9: log in with the username or the email address, one field, no enumeration."""

from __future__ import annotations

import pytest
from flask_openapi3 import OpenAPI
from werkzeug.test import TestResponse

from clinic360.accounts import service
from tests.accounts.conftest import SentEmails, use_default_limits
from tests.factories import DEFAULT_PASSWORD, register
from tests.helpers import ApiClient, rendered_outbox_email


def _login(
    client: ApiClient, identifier: str, password: str, address: str = "203.0.113.9"
) -> TestResponse:
    return client.post(
        "/api/login",
        json={"username": identifier, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.mark.parametrize("identifier", ["Zoe.Q", "zoe.q@example.org", "ZOE.Q@Example.ORG"])
def test_username_or_email_logs_in(client: ApiClient, identifier: str) -> None:
    user = register(client, username="Zoe.Q", email="zoe.q@example.org")
    client.post("/api/logout")
    fresh = client.another()
    response = _login(fresh, identifier, DEFAULT_PASSWORD)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["id"] == user["id"]
    assert fresh.get("/api/user").get_json()["id"] == user["id"]


def test_unknown_and_wrong_answers_are_identical(
    client: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(client, username="yves", email="yves@example.org")
    hashes_checked: list[bool] = []
    real_verify = service.verify_password

    def counting_verify(password_hash: str | None, password: str) -> bool:
        hashes_checked.append(password_hash is not None)
        return real_verify(password_hash, password)

    monkeypatch.setattr(service, "verify_password", counting_verify)
    answers = []
    for identifier in ["yves@example.org", "nobody@example.org", "yves", "nobody"]:
        response = _login(client.another(), identifier, "wrong-password")
        body = response.get_json()
        body.pop("instance", None)
        answers.append(
            (response.status_code, str(sorted(body.items())), sorted(response.headers.keys()))
        )
    assert len(set(map(str, answers))) == 1
    assert answers[0][0] == 401 and "invalid_credentials" in answers[0][1]
    # Every attempt costs one argon2 verification (unknown ones against the dummy hash).
    assert hashes_checked == [True, False, True, False]


def test_the_per_account_cap_counts_both_identifiers(app: OpenAPI, client: ApiClient) -> None:
    use_default_limits(app)
    app.config["LOGIN_FAILURES_PER_USER_HOUR"] = 4
    app.config["LOGIN_FAILURES_PER_USER_ADDRESS"] = 100
    register(client, username="walt", email="walt@example.org")
    stranger = client.another()
    for attempt in range(4):
        identifier = "walt" if attempt % 2 else "WALT@example.org"
        address = f"198.51.100.{attempt + 1}"
        assert _login(stranger, identifier, "wrong-password", address).status_code == 401
    for identifier in ("walt", "walt@example.org"):
        blocked = _login(stranger, identifier, DEFAULT_PASSWORD, "198.51.100.77")
        assert blocked.status_code == 429, identifier


def test_the_per_address_pair_counts_both_identifiers(app: OpenAPI, client: ApiClient) -> None:
    use_default_limits(app)
    register(client, username="xena", email="xena@example.org")
    stranger = client.another()
    for attempt in range(5):
        identifier = "xena@example.org" if attempt % 2 else "Xena"
        assert _login(stranger, identifier, "wrong-password").status_code == 401
    assert _login(stranger, "xena@example.org", DEFAULT_PASSWORD).status_code == 429
    assert _login(stranger, "xena", DEFAULT_PASSWORD).status_code == 429


def test_the_reset_email_names_the_username(
    app: OpenAPI, client: ApiClient, sent_emails: SentEmails
) -> None:
    register(client, username="vera.k", email="vera@example.org")
    client.another().call("POST", "/api/password-reset", {"email": "vera@example.org"}, status=202)
    (row,) = sent_emails.of_kind("PASSWORD_RESET")
    email = rendered_outbox_email(app, row.id)
    assert "vera.k" in email["text/plain"] and "vera.k" in email["text/html"]
