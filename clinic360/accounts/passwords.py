"""Password hashing (argon2id) and the password rules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128


def init_passwords(app: Flask) -> None:
    hasher = PasswordHasher(
        time_cost=app.config["ARGON2_TIME_COST"],
        memory_cost=app.config["ARGON2_MEMORY_KIB"],
        parallelism=app.config["ARGON2_PARALLELISM"],
    )
    app.extensions["password_hasher"] = hasher
    # Verified when the username is unknown, so both paths cost the same.
    app.extensions["dummy_password_hash"] = hasher.hash("clinic360-dummy-password")


def _hasher() -> PasswordHasher:
    hasher: PasswordHasher = current_app.extensions["password_hasher"]
    return hasher


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check `password` exactly as typed; a missing hash costs the same as a wrong password."""
    if len(password) > MAX_PASSWORD_LENGTH:
        password = password[: MAX_PASSWORD_LENGTH + 1]  # bounded work; can never match
    target = password_hash or current_app.extensions["dummy_password_hash"]
    try:
        matched: bool = _hasher().verify(target, password)
    except (VerificationError, InvalidHashError):
        matched = False
    return matched and password_hash is not None


COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt"
PRODUCT_WORDS = ("clinic360",)


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list (lowercase, one per line; source and licence in data/README.md)."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line)


def _core(text: str) -> str:
    """Lowercased, without leading or trailing punctuation: `Clinic360!` → `clinic360`."""
    folded = text.casefold()
    start, end = 0, len(folded)
    while start < end and not folded[start].isalnum():
        start += 1
    while end > start and not folded[end - 1].isalnum():
        end -= 1
    return folded[start:end] or folded


def password_problem(password: str, username: str) -> str | None:
    """Why `password` is not acceptable for `username`, or None when it is.

    Rules: 8–128 characters (any characters, no composition rules), not the username, not a
    product or clinic name, not on the offline list of common passwords (ignoring case and
    leading/trailing punctuation).
    """
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        return f"must be {MIN_PASSWORD_LENGTH}–{MAX_PASSWORD_LENGTH} characters"
    core = _core(password)
    if username.casefold() in {password.casefold(), core}:
        return "must not be the username"
    clinic = "".join(current_app.config["CLINIC_NAME"].casefold().split())
    if core in {*PRODUCT_WORDS, clinic}:
        return "must not be the name of this service"
    common = common_passwords()
    if password.casefold() in common or core in common:
        return "is too common; choose a longer, less guessable one"
    return None
