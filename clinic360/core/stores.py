"""Shared stores outside the database: the Redis client and server-side sessions.

A session ended by logout is *revoked*: its id is remembered (same store, for the idle
timeout), a revoked id loads as no session and is never written again. So a request that
loaded the session before the logout and saves it afterwards (refreshing `last_seen`)
cannot bring it back. The idle timeout is long enough: by then every request that started
before the logout has ended, and nothing was ever stored again under that id.

Embedded: sessions in a file cache under `instance/sessions` (no Redis); a session that
holds only a CSRF token is a signed cookie instead, and expired files are swept.
Scaled out: sessions in Redis, shared by every process on every machine.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import redis
from cachelib import FileSystemCache
from flask import Flask, Request, Response, current_app
from flask_session.base import ServerSideSession
from flask_session.cachelib import CacheLibSessionInterface
from flask_session.redis import RedisSessionInterface
from itsdangerous import BadData, URLSafeTimedSerializer

SESSION_COOKIE = "clinic360_session"
SECURE_SESSION_COOKIE = "__Host-clinic360_session"
ANONYMOUS_SESSION_KEYS = frozenset({"csrf_token", "_permanent"})
"""What an anonymous session may hold and still live in a signed cookie (embedded)."""
_ANONYMOUS_PREFIX = "a."
_ANONYMOUS_SALT = "clinic360.anonymous-session"


def session_touch_seconds() -> int:
    """How often a signed-in session's last activity is written back: SESSION_TOUCH_SECONDS,
    at most a quarter of SESSION_IDLE_SECONDS. Between two writes a request changes nothing
    in the store (no write per request); the idle timeout therefore ends a session between
    `idle - touch` and `idle` seconds after its last request."""
    config = current_app.config
    quarter = int(config["SESSION_IDLE_SECONDS"]) // 4
    return max(1, min(int(config["SESSION_TOUCH_SECONDS"]), quarter))


def guaranteed_idle_seconds() -> int:
    """Seconds without a request a session surely survives (what the web app plans with)."""
    return int(current_app.config["SESSION_IDLE_SECONDS"]) - session_touch_seconds()


def init_redis(app: Flask) -> None:
    """Create the shared Redis client when REDIS_URL is set (bounded timeouts)."""
    url = app.config["REDIS_URL"]
    timeout = app.config["REDIS_TIMEOUT_SECONDS"]
    app.extensions["redis"] = (
        redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        if url
        else None
    )


def redis_client() -> redis.Redis[bytes] | None:
    """The app's Redis client, or None in the embedded configuration."""
    client: redis.Redis[bytes] | None = current_app.extensions["redis"]
    return client


def init_sessions(app: Flask) -> None:
    secure = app.config["PUBLIC_URL"].startswith("https://")
    app.config.update(
        SESSION_PERMANENT=True,
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=app.config["SESSION_IDLE_SECONDS"]),
        # Written back when changed only: `last_seen` changes every SESSION_TOUCH_SECONDS.
        SESSION_REFRESH_EACH_REQUEST=False,
        SESSION_SERIALIZATION_FORMAT="json",
        SESSION_KEY_PREFIX="clinic360:session:",
        SESSION_ID_LENGTH=32,
        SESSION_COOKIE_NAME=SECURE_SESSION_COOKIE if secure else SESSION_COOKIE,
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_PATH="/",
    )
    client = app.extensions["redis"]
    if client is not None:
        app.session_interface = RevocableRedisSessionInterface(
            app, client=client, **_interface_options(app)
        )
        return
    session_dir = Path(app.instance_path) / "sessions"
    session_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    cache = SweptFileSystemCache(
        str(session_dir),
        threshold=0,
        mode=0o600,
        default_timeout=app.config["SESSION_IDLE_SECONDS"],
    )
    app.session_interface = EmbeddedSessionInterface(app, client=cache, **_interface_options(app))


def _interface_options(app: Flask) -> dict[str, Any]:
    """What both session interfaces (Redis and embedded files) are built with."""
    return {
        "key_prefix": app.config["SESSION_KEY_PREFIX"],
        "permanent": True,
        "sid_length": app.config["SESSION_ID_LENGTH"],
        "serialization_format": "json",
    }


_REVOKED_PREFIX = "revoked:"


class RevocableSessions:
    """Revocation for a flask-session interface: `revoke(sid)` at logout; a revoked id
    loads as a new empty session and its data is never stored again."""

    def _mark_revoked(self, key: str, seconds: int) -> None:
        raise NotImplementedError

    def _is_revoked(self, key: str) -> bool:
        raise NotImplementedError

    def revoke(self, sid: str) -> None:
        """Remember `sid` as ended for the idle timeout (SESSION_IDLE_SECONDS), after which
        the marker is swept like an idle session file."""
        seconds = int(current_app.config["SESSION_IDLE_SECONDS"])
        self._mark_revoked(_REVOKED_PREFIX + self._get_store_id(sid), seconds)  # type: ignore[attr-defined]

    def _retrieve_session_data(self, store_id: str) -> dict[str, Any] | None:
        if self._is_revoked(_REVOKED_PREFIX + store_id):
            return None
        data: dict[str, Any] | None = super()._retrieve_session_data(store_id)  # type: ignore[misc]
        return data

    def _upsert_session(
        self, lifetime: timedelta, session: ServerSideSession, store_id: str
    ) -> None:
        if self._is_revoked(_REVOKED_PREFIX + store_id):
            self._delete_session(store_id)  # type: ignore[attr-defined]
            return
        super()._upsert_session(lifetime, session, store_id)  # type: ignore[misc]


class RevocableRedisSessionInterface(RevocableSessions, RedisSessionInterface):  # type: ignore[misc]
    """Sessions in Redis (scaled out); revocation markers are Redis keys with a TTL."""

    def _mark_revoked(self, key: str, seconds: int) -> None:
        self.client.set(key, b"1", ex=seconds)

    def _is_revoked(self, key: str) -> bool:
        return bool(self.client.exists(key))


class SweptFileSystemCache(FileSystemCache):
    """The embedded session files; expired ones are deleted on a write at most once a
    minute per process (review #23 F-5). Live sessions are never evicted."""

    SWEEP_SECONDS = 60

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._next_sweep = 0.0

    def set(
        self,
        key: str,
        value: Any,
        timeout: int | timedelta | None = None,
        mgmt_element: bool = False,
    ) -> bool:
        now = time.time()
        if now >= self._next_sweep:
            self._next_sweep = now + self.SWEEP_SECONDS
            self._remove_expired(now)
        return bool(super().set(key, value, timeout, mgmt_element))


class EmbeddedSessionInterface(RevocableSessions, CacheLibSessionInterface):  # type: ignore[misc]
    """File sessions, except that a session holding nothing but the CSRF token (anyone
    who asked GET /api/csrf) lives in a signed cookie and writes no file (review #23 F-5).

    The cookie (same name and attributes as the session cookie) is `a.` plus the token,
    signed with SECRET_KEY and valid for the idle timeout; a session id never holds a
    dot. As soon as the session holds more (login, the MFA step), it is a file again under
    a new id, and a stored session that shrinks back to a CSRF token is deleted.
    """

    def _mark_revoked(self, key: str, seconds: int) -> None:
        self.cache.set(key, True, timeout=seconds)

    def _is_revoked(self, key: str) -> bool:
        return bool(self.cache.has(key))

    def _anonymous_serializer(self, app: Flask) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=_ANONYMOUS_SALT)

    def open_session(self, app: Flask, request: Request) -> ServerSideSession:
        raw = request.cookies.get(self.get_cookie_name(app)) or ""
        if raw.startswith(_ANONYMOUS_PREFIX):
            try:
                data = self._anonymous_serializer(app).loads(
                    raw[len(_ANONYMOUS_PREFIX) :],
                    max_age=int(app.permanent_session_lifetime.total_seconds()),
                )
            except BadData:
                data = {}
            if not isinstance(data, dict) or set(data) - ANONYMOUS_SESSION_KEYS:
                data = {}
            session = self.session_class(data, sid=self._generate_sid(self.sid_length))
            session.permanent = True
            session.stored = False
            return session
        session = super().open_session(app, request)
        session.stored = bool(raw) and session.sid == raw
        return session

    def save_session(self, app: Flask, session: ServerSideSession, response: Response) -> None:
        if set(session) - ANONYMOUS_SESSION_KEYS:
            super().save_session(app, session, response)
            return
        if getattr(session, "stored", False):
            self._delete_session(self._get_store_id(session.sid))
        name = self.get_cookie_name(app)
        domain, path = self.get_cookie_domain(app), self.get_cookie_path(app)
        if not session:
            if session.modified or getattr(session, "stored", False):
                response.delete_cookie(name, domain=domain, path=path)
            return
        token = self._anonymous_serializer(app).dumps(dict(session))
        response.set_cookie(
            name,
            _ANONYMOUS_PREFIX + token,
            expires=self.get_expiration_time(app, session),
            httponly=self.get_cookie_httponly(app),
            domain=domain,
            path=path,
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")
