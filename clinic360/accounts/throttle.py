"""Throttling of logins, registrations, re-authentication, reset requests and reads without a
session (API.md).

Login counters are keyed by the account (its lower-case username, whether the login named it
by username or by email address: `login_subject`; an identifier that names no account is
counted as written) and the client address (`request.remote_addr`, which honours
TRUSTED_PROXY_COUNT). Whether an identifier exists never changes how much is counted for an
unknown client. Each check counts *before* the password is verified, so concurrent
guesses cannot slip past a limit; a success gives the failure back.

Malicious lockout (#23 F-2): the per-username cap over all addresses, which anyone can run
up, does not apply to a *known* client of that user — a browser with its device cookie
(`devices`) or an address it signed in from within LOGIN_KNOWN_CLIENT_DAYS. The per-email
reset quota is silent (the caller still gets 202; no more emails) and does not count a known
device of the account. Every failure and every limit reached is logged with the client
address and the user id, or a keyed hash of a username that matches no account (F-8).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app, request

from clinic360.accounts import devices
from clinic360.accounts.models import User, email_key
from clinic360.core.errors import RateLimited
from clinic360.core.ratelimit import check, forget, hit, peek

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
log = logging.getLogger("clinic360.accounts.throttle")


@dataclass(frozen=True)
class Client:
    """Who is asking: the client address and the users who signed in on this browser."""

    address: str
    known_users: frozenset[int] = field(default_factory=frozenset)


def client_address() -> str:
    """The caller's address, for handlers to pass to the service."""
    return request.remote_addr or "unknown"


def current_client() -> Client:
    """The calling client, for handlers to pass to the service."""
    return Client(client_address(), devices.signed_in_users())


def _setting(name: str) -> int:
    value: int = current_app.config[name]
    return value


def _failure_window() -> timedelta:
    return timedelta(minutes=_setting("LOGIN_FAILURE_WINDOW_MINUTES"))


def _known_window() -> timedelta:
    return timedelta(days=_setting("LOGIN_KNOWN_CLIENT_DAYS"))


def _pair(username: str, address: str) -> str:
    return f"{username.lower()}\x00{address}"


def account_ref(username: str, user: User | None) -> dict[str, object]:
    """Log fields naming the account: its id, or a keyed hash of an unknown username."""
    if user is not None:
        return {"user_id": user.id}
    key = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(key, username.lower().encode("utf-8", "surrogatepass"), hashlib.sha256)
    return {"username_hash": digest.hexdigest()[:24]}


def _check(name: str, subject: str, limit: int, window: timedelta, who: dict[str, object]) -> None:
    try:
        check(name, subject, limit=limit, window=window)
    except RateLimited:
        log.warning("rate limit reached", extra={"limit": name, **who})
        raise


def login_subject(identifier: str, user: User | None) -> str:
    """What the login counters are keyed by: the account's lower-case username when the
    identifier (username or email) names an account, so both count against the same account;
    otherwise the identifier as the lookup compares it (email key, or lower-case username)."""
    if user is not None:
        return user.username.lower()
    return email_key(identifier) if "@" in identifier else identifier.lower()


def _is_known(username: str, user: User | None, client: Client) -> bool:
    if user is None:
        return False
    if user.id in client.known_users:
        return True
    return peek("login-known-address", _pair(username, client.address)) > 0


def before_login(username: str, user: User | None, client: Client) -> bool:
    """Count one login attempt; RateLimited when a limit applying to this client is reached.

    Returns whether the per-username cap counted it (not for a known client of the user).
    """
    who = {"client_address": client.address, **account_ref(username, user)}
    _check(
        "login-address",
        client.address,
        _setting("LOGIN_ATTEMPTS_PER_ADDRESS_HOUR"),
        HOUR,
        who,
    )
    _check(
        "login-failures",
        _pair(username, client.address),
        _setting("LOGIN_FAILURES_PER_USER_ADDRESS"),
        _failure_window(),
        who,
    )
    if _is_known(username, user, client):
        return False
    _check(
        "login-user-failures",
        username.lower(),
        _setting("LOGIN_FAILURES_PER_USER_HOUR"),
        HOUR,
        who,
    )
    return True


def login_failed(username: str, user: User | None, client: Client) -> None:
    """Log a wrong password or unknown username (the counts were taken before)."""
    log.warning(
        "login failed", extra={"client_address": client.address, **account_ref(username, user)}
    )


def login_succeeded(username: str, user: User, client: Client, *, counted: bool) -> None:
    """Clear this pair's count, give back the username's, remember the address as known."""
    forget("login-failures", _pair(username, client.address))
    if counted:
        hit("login-user-failures", username.lower(), HOUR, amount=-1)
    forget("login-known-address", _pair(username, client.address))
    hit("login-known-address", _pair(username, client.address), _known_window())
    log.info(
        "login password accepted", extra={"client_address": client.address, "user_id": user.id}
    )


def before_reauthentication(user_id: int) -> None:
    """Count one `currentPassword` check (password or email change) for a logged-in user."""
    _check(
        "reauth-failures",
        str(user_id),
        _setting("LOGIN_FAILURES_PER_USER_ADDRESS"),
        _failure_window(),
        {"client_address": client_address(), "user_id": user_id},
    )


def reauthentication_succeeded(user_id: int) -> None:
    forget("reauth-failures", str(user_id))


def before_registration(address: str) -> None:
    _check(
        "register-address",
        address,
        _setting("REGISTRATIONS_PER_ADDRESS_HOUR"),
        HOUR,
        {"client_address": address},
    )


def before_anonymous_read(address: str) -> None:
    """Count one read of public data without a session (the doctor directory and free
    slots); RateLimited beyond ANONYMOUS_READS_PER_MINUTE per client address."""
    _check(
        "anonymous-read",
        address,
        _setting("ANONYMOUS_READS_PER_MINUTE"),
        MINUTE,
        {"client_address": address},
    )


def reset_email_allowed(email: str, user: User | None, client: Client) -> bool:
    """Count one reset request. RateLimited per client address; False (send nothing, answer
    as usual) once the email's quota is used up, except from a known device of the account."""
    who = {"client_address": client.address, **account_ref(email, user)}
    _check("reset-address", client.address, _setting("PASSWORD_RESETS_PER_ADDRESS_HOUR"), HOUR, who)
    if user is not None and user.id in client.known_users:
        return True
    counted = hit("reset-email", email.lower(), HOUR)
    if counted.count > _setting("PASSWORD_RESETS_PER_EMAIL_HOUR"):
        log.warning("rate limit reached", extra={"limit": "reset-email", **who})
        return False
    return True


def before_mfa_code(user_id: int) -> None:
    """Count one two-factor code (login step or enrolment confirmation) for a user."""
    _check(
        "mfa-failures",
        str(user_id),
        _setting("LOGIN_FAILURES_PER_USER_ADDRESS"),
        _failure_window(),
        {"client_address": client_address(), "user_id": user_id},
    )


def mfa_code_succeeded(user_id: int) -> None:
    forget("mfa-failures", str(user_id))
