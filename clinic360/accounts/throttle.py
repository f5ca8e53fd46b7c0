"""Throttling of logins, registrations, re-authentication and reset requests (API.md).

Counters are keyed by lower(username) and the client address (`request.remote_addr`, which
honours TRUSTED_PROXY_COUNT). Whether a username exists never changes what is counted.
Each check counts *before* the password is verified, so concurrent guesses cannot slip
past the limit; a success gives the failure back.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, request

from clinic360.core.ratelimit import check, forget, hit

HOUR = timedelta(hours=1)


def client_address() -> str:
    """The caller's address, for handlers to pass to the service."""
    return request.remote_addr or "unknown"


def _setting(name: str) -> int:
    value: int = current_app.config[name]
    return value


def _failure_window() -> timedelta:
    return timedelta(minutes=_setting("LOGIN_FAILURE_WINDOW_MINUTES"))


def _pair(username: str, address: str) -> str:
    return f"{username.lower()}\x00{address}"


def before_login(username: str, address: str) -> None:
    """Count one login attempt; RateLimited when any login limit is reached."""
    check("login-address", address, limit=_setting("LOGIN_ATTEMPTS_PER_ADDRESS_HOUR"), window=HOUR)
    check(
        "login-failures",
        _pair(username, address),
        limit=_setting("LOGIN_FAILURES_PER_USER_ADDRESS"),
        window=_failure_window(),
    )
    check(
        "login-user-failures",
        username.lower(),
        limit=_setting("LOGIN_FAILURES_PER_USER_HOUR"),
        window=HOUR,
    )


def login_succeeded(username: str, address: str) -> None:
    """The attempt was not a failure: clear this pair's count, give back the username's."""
    forget("login-failures", _pair(username, address))
    hit("login-user-failures", username.lower(), HOUR, amount=-1)


def before_reauthentication(user_id: int) -> None:
    """Count one `currentPassword` check (password or email change) for a logged-in user."""
    check(
        "reauth-failures",
        str(user_id),
        limit=_setting("LOGIN_FAILURES_PER_USER_ADDRESS"),
        window=_failure_window(),
    )


def reauthentication_succeeded(user_id: int) -> None:
    forget("reauth-failures", str(user_id))


def before_registration(address: str) -> None:
    check(
        "register-address", address, limit=_setting("REGISTRATIONS_PER_ADDRESS_HOUR"), window=HOUR
    )


def before_reset_request(email: str, address: str) -> None:
    check("reset-address", address, limit=_setting("PASSWORD_RESETS_PER_ADDRESS_HOUR"), window=HOUR)
    check(
        "reset-email", email.lower(), limit=_setting("PASSWORD_RESETS_PER_EMAIL_HOUR"), window=HOUR
    )


def before_mfa_code(user_id: int) -> None:
    """Count one two-factor code (login step or enrolment confirmation) for a user."""
    check(
        "mfa-failures",
        str(user_id),
        limit=_setting("LOGIN_FAILURES_PER_USER_ADDRESS"),
        window=_failure_window(),
    )


def mfa_code_succeeded(user_id: int) -> None:
    forget("mfa-failures", str(user_id))
