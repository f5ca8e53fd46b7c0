"""The huey job queue: SQLite-backed (embedded) or Redis-backed (scaled out).

The queue only wakes workers up; durable state (the email outbox) lives in the database,
so losing the queue loses no work.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey
from redis import ConnectionPool

QUEUE_NAME = "clinic360"


def init_queue(app: Flask) -> None:
    if app.config["REDIS_URL"]:
        timeout = app.config["REDIS_TIMEOUT_SECONDS"]
        pool = ConnectionPool.from_url(
            app.config["REDIS_URL"], socket_timeout=timeout, socket_connect_timeout=timeout
        )
        huey: Huey = RedisHuey(QUEUE_NAME, connection_pool=pool)
    else:
        huey = SqliteHuey(QUEUE_NAME, filename=str(Path(app.instance_path) / "queue.db"))
    app.extensions["huey"] = huey


def queue() -> Huey:
    huey: Huey = current_app.extensions["huey"]
    return huey


def queue_is_reachable() -> bool:
    """True when the queue storage answers (used by /api/health)."""
    try:
        queue().pending_count()
    except Exception:
        return False
    return True
