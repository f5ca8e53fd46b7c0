"""Registration and login basics, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from tests.factories import DEFAULT_PASSWORD, register
from tests.helpers import ApiClient


def test_register_logs_in_and_hides_the_hash(client: ApiClient) -> None:
    user = register(client, "patient", username="Alice", timezone="Europe/Berlin")
    assert user["username"] == "Alice" and user["role"] == "patient"
    assert user["timezone"] == "Europe/Berlin" and user["createdAt"].endswith("Z")
    assert "password" not in str(user).lower()
    assert client.get("/api/user").get_json()["id"] == user["id"]


def test_doctor_needs_a_specialization(client: ApiClient) -> None:
    response = client.post(
        "/api/register",
        json={
            "username": "drno",
            "password": DEFAULT_PASSWORD,
            "email": "d@example.org",
            "fullName": "Dr No",
            "role": "doctor",
        },
    )
    assert response.status_code == 422
    assert "specialization" in response.get_json()["errors"]


def test_usernames_and_emails_are_unique_ignoring_case(
    client: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    register(client, username="Carol", email="carol@example.org")
    other = new_client()
    taken = other.post(
        "/api/register",
        json={
            "username": "CAROL",
            "password": DEFAULT_PASSWORD,
            "email": "new@example.org",
            "fullName": "C",
            "role": "patient",
        },
    )
    assert taken.status_code == 409 and taken.get_json()["code"] == "username_taken"
    taken = other.post(
        "/api/register",
        json={
            "username": "carol2",
            "password": DEFAULT_PASSWORD,
            "email": "CAROL@example.org",
            "fullName": "C",
            "role": "patient",
        },
    )
    assert taken.status_code == 409 and taken.get_json()["code"] == "email_taken"


def test_login_logout_cycle(client: ApiClient, new_client: Callable[[], ApiClient]) -> None:
    register(client, username="dave")
    browser = new_client()
    assert browser.get("/api/user").status_code == 401
    login = browser.post("/api/login", json={"username": "DAVE", "password": DEFAULT_PASSWORD})
    assert login.status_code == 200 and login.get_json()["username"] == "dave"
    assert browser.get("/api/user").status_code == 200
    assert browser.post("/api/logout").status_code == 204
    assert browser.get("/api/user").get_json()["code"] == "unauthenticated"


def test_wrong_password_and_unknown_user_look_the_same(client: ApiClient) -> None:
    register(client, username="erin")
    wrong = client.post("/api/login", json={"username": "erin", "password": "wrong-password"})
    unknown = client.post("/api/login", json={"username": "nobody", "password": "whatever1"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_data() == unknown.get_data()
    assert wrong.get_json()["code"] == "invalid_credentials"


def test_over_long_password_at_login_is_401(client: ApiClient) -> None:
    register(client, username="frank")
    response = client.post("/api/login", json={"username": "frank", "password": "p" * 100_000})
    assert response.status_code == 401


def test_session_id_rotates_at_login(
    client: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    register(client, username="gina")
    browser = new_client()
    browser.csrf_token()
    before = browser.http.get_cookie("clinic360_session")
    assert before is not None
    browser.post("/api/login", json={"username": "gina", "password": DEFAULT_PASSWORD})
    after = browser.http.get_cookie("clinic360_session")
    assert after is not None and after.value != before.value
