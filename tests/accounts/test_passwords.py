"""AUTH-01, AUTH-02, AUTH-03: argon2id, length rules, the common-password list."""

from __future__ import annotations

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.accounts.models import User
from clinic360.accounts.passwords import COMMON_PASSWORDS_FILE, common_passwords
from clinic360.core.db import db
from tests.factories import register, unique
from tests.helpers import ApiClient


def _register(client: ApiClient, password: str, username: str | None = None) -> int:
    username = username or unique("pw")
    body = {
        "username": username,
        "password": password,
        "email": f"{username}@example.org",
        "fullName": "Pat Word",
        "role": "patient",
    }
    response = client.post("/api/register", json=body)
    if response.status_code == 422:
        assert "password" in response.get_json()["errors"]
    return response.status_code


def test_hashes_are_salted_argon2id(app: OpenAPI, client: ApiClient) -> None:
    canary = "canary-Zebra-7781-violet"
    register(client, username="hash1", password=canary)
    register(client, username="hash2", password=canary)
    with app.app_context():
        hashes = db.session.scalars(select(User.password_hash)).all()
    assert len(set(hashes)) == 2
    for value in hashes:
        assert value.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        assert canary not in value


def test_lengths_8_to_128_characters_no_truncation(client: ApiClient) -> None:
    base = "Ql7#vX2!" * 16  # 128 characters, not common
    assert _register(client, base[:7]) == 422
    assert _register(client, base[:8]) == 201
    assert _register(client, base[:72]) == 201
    assert _register(client, base, username="longpw") == 201
    assert _register(client, base + "x") == 422

    def login(password: str) -> int:
        return client.post(
            "/api/login", json={"username": "longpw", "password": password}
        ).status_code

    assert login(base[:72]) == 401  # no truncation: a prefix is a different password
    assert login(base.upper()) == 401  # no case folding
    assert login(base + "x") == 401
    assert login("p" * 1000) == 401
    assert login(base) == 200


@pytest.mark.parametrize(
    "password",
    ["password", "12345678", "iloveyou", "clinic360", "Clinic360!", "PassWord1", "dragon!!"],
)
def test_common_and_service_words_are_rejected(client: ApiClient, password: str) -> None:
    assert _register(client, password) == 422


def test_username_as_password_is_rejected(client: ApiClient) -> None:
    assert _register(client, "Hippocrates", username="hippocrates") == 422
    assert _register(client, "hippocrates!", username="Hippocrates") == 422


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "😀😁😂🤣😃😄😅😆", "pässwörd lang"]
)
def test_long_and_non_ascii_passwords_are_accepted(client: ApiClient, password: str) -> None:
    assert _register(client, password) == 201


def test_the_list_ships_offline_with_at_least_10000_entries() -> None:
    words = common_passwords()
    assert len(words) >= 10_000
    assert all(word == word.lower() for word in words)
    assert (COMMON_PASSWORDS_FILE.parent / "README.md").read_text().count("MIT License") >= 1
