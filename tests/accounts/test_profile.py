"""Profile and password change: AUTH-07, SESS-07 (GAP-5), AC-06, AC-07."""

from __future__ import annotations

from collections.abc import Callable

from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.accounts.models import User
from clinic360.core.db import db
from tests.accounts.conftest import SentEmails
from tests.factories import (
    DEFAULT_PASSWORD,
    ensure_specialization,
    register,
    registration_body,
)
from tests.helpers import ApiClient

COOKIE = "clinic360_session"
NEW_PASSWORD = "a brand new passphrase"


def test_profile_edit(client: ApiClient) -> None:
    register(client, "doctor", username="drhouse", slotMinutes=20)
    diagnostics = ensure_specialization(client, "Diagnostics")
    response = client.put(
        "/api/user",
        json={
            "fullName": "Gregory House",
            "timezone": "America/New_York",
            "specialization": "Diagnostics",
            "slotMinutes": 45,
        },
    )
    assert response.status_code == 200, response.get_json()
    user = response.get_json()
    assert user["fullName"] == "Gregory House" and user["timezone"] == "America/New_York"
    assert user["specialization"] == "Diagnostics" and user["slotMinutes"] == 45
    assert user["specializationId"] == diagnostics
    bad = client.put("/api/user", json={"timezone": "Mars/Olympus", "fullName": "a\nb"})
    assert bad.status_code == 422 and {"timezone", "fullName"} <= set(bad.get_json()["errors"])


def test_doctor_fields_are_refused_for_patients(client: ApiClient) -> None:
    register(client)
    response = client.put("/api/user", json={"specialization": "Surgery", "slotMinutes": 10})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"specialization", "slotMinutes"}


def test_email_change_needs_the_current_password_and_tells_the_old_address(
    app: OpenAPI, client: ApiClient, sent_emails: SentEmails
) -> None:
    user = register(client, username="emma", email="emma@example.org")
    missing = client.put("/api/user", json={"email": "evil@example.org"})
    assert missing.status_code == 422 and "currentPassword" in missing.get_json()["errors"]
    wrong = client.put(
        "/api/user", json={"email": "evil@example.org", "currentPassword": "wrong-password"}
    )
    assert wrong.status_code == 422
    assert client.get("/api/user").get_json()["email"] == "emma@example.org"
    assert sent_emails.all() == []

    ok = client.put(
        "/api/user", json={"email": "emma.new@example.org", "currentPassword": DEFAULT_PASSWORD}
    )
    assert ok.status_code == 200 and ok.get_json()["email"] == "emma.new@example.org"
    (notice,) = sent_emails.of_kind("EMAIL_CHANGED")
    assert notice.to_address == "emma@example.org" and notice.recipient_id == user["id"]


def test_email_change_to_a_taken_address_is_409(
    client: ApiClient, new_client: Callable[[], ApiClient], sent_emails: SentEmails
) -> None:
    register(new_client(), email="taken@example.org")
    register(client)
    response = client.put(
        "/api/user", json={"email": "TAKEN@example.org", "currentPassword": DEFAULT_PASSWORD}
    )
    assert response.status_code == 409 and response.get_json()["code"] == "email_taken"
    assert sent_emails.of_kind("EMAIL_CHANGED") == []  # rolled back with the change


def test_server_owned_fields_are_ignored(app: OpenAPI, client: ApiClient) -> None:
    user = register(client, username="mallory")
    response = client.put(
        "/api/user",
        json={
            "id": 999,
            "username": "root",
            "role": "admin",
            "approved": False,
            "passwordHash": "$argon2id$forged",
            "createdAt": "2000-01-01T00:00:00Z",
            "fullName": "Mallory",
        },
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["id"], body["username"], body["role"]) == (user["id"], "mallory", "patient")
    assert body["createdAt"] == user["createdAt"]
    assert "hash" not in response.get_data(as_text=True).lower()
    with app.app_context():
        stored = db.session.scalars(select(User)).one()
        assert stored.role == "patient" and stored.password_hash.startswith("$argon2id$")
        assert stored.username == "mallory"


def test_admin_role_cannot_be_registered(client: ApiClient) -> None:
    response = client.post("/api/register", json=registration_body("admin"))
    assert response.status_code == 422 and "role" in response.get_json()["errors"]


def test_password_change_ends_other_sessions_and_rotates_this_one(
    client: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    register(client, username="paula")
    other = new_client()
    other.post("/api/login", json={"username": "paula", "password": DEFAULT_PASSWORD})
    assert other.get("/api/user").status_code == 200

    wrong = client.post(
        "/api/user/password",
        json={"currentPassword": "wrong-password", "newPassword": NEW_PASSWORD},
    )
    assert wrong.status_code == 422 and "currentPassword" in wrong.get_json()["errors"]
    weak = client.post(
        "/api/user/password", json={"currentPassword": DEFAULT_PASSWORD, "newPassword": "password1"}
    )
    assert weak.status_code == 422 and "newPassword" in weak.get_json()["errors"]
    assert other.get("/api/user").status_code == 200  # nothing changed yet

    before = client.http.get_cookie(COOKIE)
    assert before is not None
    done = client.post(
        "/api/user/password",
        json={"currentPassword": DEFAULT_PASSWORD, "newPassword": NEW_PASSWORD},
    )
    assert done.status_code == 204
    after = client.http.get_cookie(COOKIE)
    assert after is not None and after.value != before.value
    assert client.get("/api/user").status_code == 200
    assert other.get("/api/user").status_code == 401

    third = new_client()
    old = third.post("/api/login", json={"username": "paula", "password": DEFAULT_PASSWORD})
    assert old.status_code == 401
    new = third.post("/api/login", json={"username": "paula", "password": NEW_PASSWORD})
    assert new.status_code == 200
