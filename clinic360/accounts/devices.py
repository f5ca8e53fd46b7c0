"""Known devices: a signed cookie that remembers who signed in on this browser (#23 F-2).

Every successful sign-in (login, registration, MFA confirmation, password change) sets
`clinic360_device` (`__Host-` over HTTPS): HttpOnly, SameSite=Lax, signed with SECRET_KEY,
valid LOGIN_KNOWN_CLIENT_DAYS, holding the ids of the last few users who signed in here.
Throttling uses it so that failures anyone can cause for a username never lock the owner
out of a browser they signed in on before. The cookie grants nothing by itself.
"""

from __future__ import annotations

from flask import Response, after_this_request, current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer

COOKIE = "clinic360_device"
SECURE_COOKIE = "__Host-clinic360_device"
_SALT = "clinic360.known-device"
_MAX_USERS = 10


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _secure() -> bool:
    return str(current_app.config["PUBLIC_URL"]).startswith("https://")


def _cookie_name() -> str:
    return SECURE_COOKIE if _secure() else COOKIE


def _lifetime_seconds() -> int:
    return int(current_app.config["LOGIN_KNOWN_CLIENT_DAYS"]) * 86400


def signed_in_users() -> frozenset[int]:
    """Ids of the users who signed in on this browser within LOGIN_KNOWN_CLIENT_DAYS."""
    return frozenset(_read())


def _read() -> list[int]:
    raw = request.cookies.get(_cookie_name())
    if not raw:
        return []
    try:
        data = _serializer().loads(raw, max_age=_lifetime_seconds())
    except BadData:
        return []
    if not isinstance(data, list):
        return []
    return [item for item in data if isinstance(item, int) and not isinstance(item, bool)]


def remember(user_id: int) -> None:
    """Add `user_id` to this browser's device cookie (set on the current response)."""
    users = [user_id, *(u for u in _read() if u != user_id)][:_MAX_USERS]
    value = _serializer().dumps(users)
    name, secure, max_age = _cookie_name(), _secure(), _lifetime_seconds()

    @after_this_request
    def _set_cookie(response: Response) -> Response:
        response.set_cookie(
            name, value, max_age=max_age, secure=secure, httponly=True, samesite="Lax", path="/"
        )
        return response
