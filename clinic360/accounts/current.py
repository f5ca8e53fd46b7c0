"""Who is calling: the logged-in user, held in the server-side session.

The session holds only the user id, when they logged in, when they were last seen and the
user's session epoch at login; the user row is read fresh on every request, so a
suspension, password change or reset (each bumps the epoch) applies at once.

A request sent with `X-Background-Request: 1` (the web app's polls, e.g. the unread-message
count every minute) is answered like any other but is not activity: it does not move "last
seen", so an open tab nobody uses still reaches the idle timeout.
"""

from __future__ import annotations

from flask import current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from clinic360.accounts import devices, throttle
from clinic360.accounts.errors import MfaEnrolmentRequired, MfaLoginExpired
from clinic360.accounts.models import Role, User
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.core.errors import Forbidden, Unauthenticated
from clinic360.core.stores import session_touch_seconds

_USER_ID = "user_id"
_AUTHENTICATED_AT = "authenticated_at"
_LAST_SEEN = "last_seen"
_EPOCH = "epoch"
_MFA_USER_ID = "mfa_user_id"
_MFA_STARTED_AT = "mfa_started_at"
_MFA_EPOCH = "mfa_epoch"
BACKGROUND_HEADER = "X-Background-Request"

# What a user whose role requires two-factor sign-in may reach before enrolling.
MFA_ENROLMENT_ENDPOINTS = frozenset(
    {
        "accounts.get_user",
        "accounts.update_user",
        "accounts.logout",
        "accounts.mfa_setup",
        "accounts.mfa_confirm",
    }
)


def login_user(user: User) -> None:
    """Start a fresh session for `user`: new session id (the old entry is deleted), new CSRF
    token, this browser remembered as a known device of the user. Used at login,
    registration, MFA confirmation and password change."""
    session["rotating"] = True  # regenerate() skips an empty session
    current_app.session_interface.regenerate(session)  # type: ignore[attr-defined]
    session.clear()
    now = utcnow().timestamp()
    session[_USER_ID] = user.id
    session[_AUTHENTICATED_AT] = now
    session[_LAST_SEEN] = now
    session[_EPOCH] = user.session_epoch
    generate_csrf()
    devices.remember(user.id)
    g.user = user
    g.user_id = user.id


def begin_mfa_login(user: User) -> None:
    """The password was right and the account has two-factor sign-in: remember who is half
    way through (not logged in) until the code step or MFA_LOGIN_MINUTES."""
    session.clear()
    session[_MFA_USER_ID] = user.id
    session[_MFA_STARTED_AT] = utcnow().timestamp()
    session[_MFA_EPOCH] = user.session_epoch
    g.user = None
    g.user_id = None


def pending_mfa_user() -> User:
    """The user who passed the password step in this session; MfaLoginExpired otherwise."""
    user_id = session.get(_MFA_USER_ID)
    started = float(session.get(_MFA_STARTED_AT, 0))
    limit = int(current_app.config["MFA_LOGIN_MINUTES"]) * 60
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if (
        user is None
        or utcnow().timestamp() - started > limit
        or user.suspended
        or user.session_epoch != session.get(_MFA_EPOCH)
        or not user.mfa_enabled
    ):
        session.clear()
        raise MfaLoginExpired()
    return user


def logout_user() -> None:
    """End the session server-side; the cookie is expired in the response. The session id
    is revoked first, so a request of this browser still running cannot save it again."""
    sid = getattr(session, "sid", None)
    if sid:
        current_app.session_interface.revoke(sid)  # type: ignore[attr-defined]
    session.clear()
    g.user = None
    g.user_id = None


def _session_is_current(now: float) -> bool:
    """False when the idle or the absolute timeout has passed."""
    idle_seconds = int(current_app.config["SESSION_IDLE_SECONDS"])
    max_seconds = int(current_app.config["SESSION_MAX_HOURS"]) * 3600
    authenticated_at = float(session.get(_AUTHENTICATED_AT, 0))
    last_seen = float(session.get(_LAST_SEEN, 0))
    return now - authenticated_at <= max_seconds and now - last_seen <= idle_seconds


def current_user_or_none() -> User | None:
    """The logged-in user, or None when anonymous or the session has ended (timeouts, a newer
    session epoch, suspension); an ended session is destroyed."""
    if "user" in g:
        user: User | None = g.user
        return user
    user = None
    user_id = session.get(_USER_ID)
    if isinstance(user_id, int):
        now = utcnow().timestamp()
        if _session_is_current(now):
            user = db.session.get(User, user_id)
            if user is not None and (user.suspended or user.session_epoch != session.get(_EPOCH)):
                user = None
        if user is None:
            session.clear()
        elif (
            request.headers.get(BACKGROUND_HEADER) != "1"
            and now - float(session.get(_LAST_SEEN, 0)) >= session_touch_seconds()
        ):
            session[_LAST_SEEN] = now  # the session is written back (and its expiry slides)
    g.user = user
    g.user_id = user.id if user else None
    return user


def require_user(*roles: Role) -> User:
    """The logged-in user; 401 when anonymous, 403 when their role is not in `roles`.

    A user whose role requires two-factor sign-in and who has not enrolled gets 403
    `mfa_enrolment_required` everywhere but MFA_ENROLMENT_ENDPOINTS.
    """
    user = current_user_or_none()
    if user is None:
        raise Unauthenticated()
    if (
        user.mfa_required
        and not user.mfa_enabled
        and request.endpoint not in MFA_ENROLMENT_ENDPOINTS
    ):
        raise MfaEnrolmentRequired()
    if roles and user.role not in roles:
        raise Forbidden()
    return user


def user_or_guest() -> User | None:
    """For reads of public data (the doctor directory, free slots): the logged-in user,
    checked as `require_user()` checks them, or None for a guest. A guest's read is counted
    per client address (`throttle.before_anonymous_read`: 429 beyond the setting); it never
    writes a session."""
    if current_user_or_none() is None:
        throttle.before_anonymous_read(throttle.client_address())
        return None
    return require_user()
