"""Shared stores outside the database: the Redis client and server-side sessions.

Embedded: sessions in a file cache under `instance/sessions` (no Redis).
Scaled out: sessions in Redis, shared by every process on every machine.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import redis
from cachelib import FileSystemCache
from flask import Flask, current_app
from flask_session import Session

SESSION_COOKIE = "clinic360_session"
SECURE_SESSION_COOKIE = "__Host-clinic360_session"


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
        SESSION_REFRESH_EACH_REQUEST=True,
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
        app.config.update(SESSION_TYPE="redis", SESSION_REDIS=client)
    else:
        session_dir = Path(app.instance_path) / "sessions"
        session_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        app.config.update(
            SESSION_TYPE="cachelib",
            SESSION_CACHELIB=FileSystemCache(
                str(session_dir),
                threshold=0,
                mode=0o600,
                default_timeout=app.config["SESSION_IDLE_SECONDS"],
            ),
        )
    Session(app)
