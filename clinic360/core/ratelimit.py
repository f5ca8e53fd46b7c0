"""Rate-limit counters shared by every process: Redis when configured, the database otherwise.

A counter is a fixed window that opens at its first event and lasts `window`; the window's
end is decided with the app clock (`core.clock.utcnow`), so tests move it with time-machine.
When Redis is configured but unreachable, counting fails closed: 503, never unlimited tries.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import redis
from flask import current_app
from sqlalchemy import String, case, delete, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime, db, transaction
from clinic360.core.errors import RateLimited, ServiceUnavailable
from clinic360.core.stores import redis_client

log = logging.getLogger("clinic360.ratelimit")

DEFAULT_REDIS_PREFIX = "clinic360:ratelimit:"
_PRUNE_ONE_IN = 200  # the database store deletes ended windows now and then


class RateCounter(Base):
    """The database store (embedded deployments): one row per open window."""

    __tablename__ = "rate_counters"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    count: Mapped[int]
    reset_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


@dataclass(frozen=True)
class Window:
    count: int
    reset_at: datetime

    def seconds_left(self, now: datetime) -> int:
        return max(1, int((self.reset_at - now).total_seconds() + 0.999))


# KEYS[1]: counter; ARGV: now (ms), window (ms), amount. Returns {count, reset_at (ms)}.
_REDIS_HIT = """
local now = tonumber(ARGV[1])
local reset = tonumber(redis.call('HGET', KEYS[1], 'reset') or '0')
local amount = tonumber(ARGV[3])
if reset <= now then
  if amount <= 0 then return {0, now} end
  reset = now + tonumber(ARGV[2])
  redis.call('HSET', KEYS[1], 'count', 0, 'reset', reset)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
local count = redis.call('HINCRBY', KEYS[1], 'count', amount)
if count < 0 then
  redis.call('HSET', KEYS[1], 'count', 0)
  count = 0
end
return {count, reset}
"""


def counter_key(name: str, subject: str) -> str:
    """`name:` plus a digest of the subject (usernames and addresses are not stored as such)."""
    digest = hashlib.sha256(subject.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"{name}:{digest}"


def hit(name: str, subject: str, window: timedelta, amount: int = 1) -> Window:
    """Add `amount` to the counter (negative undoes); returns the count in its window.

    Raises ServiceUnavailable when the Redis store does not answer.
    """
    key = counter_key(name, subject)
    now = utcnow()
    client = redis_client()
    if client is not None:
        return _redis_hit(client, key, now, window, amount)
    return _database_hit(key, now, window, amount)


def check(name: str, subject: str, *, limit: int, window: timedelta) -> None:
    """Count one event; RateLimited (with the seconds until the window ends) beyond `limit`."""
    counted = hit(name, subject, window)
    if counted.count > limit:
        raise RateLimited(counted.seconds_left(utcnow()))


def peek(name: str, subject: str) -> int:
    """The count of the counter's open window (0 when none), without counting."""
    key = counter_key(name, subject)
    now = utcnow()
    client = redis_client()
    if client is not None:
        try:
            count, reset = client.hmget(_redis_key(key), ["count", "reset"])
        except redis.RedisError as exc:
            raise _unavailable(exc) from exc
        if count is None or reset is None or int(reset) <= int(now.timestamp() * 1000):
            return 0
        return int(count)
    found = db.session.scalar(
        select(RateCounter.count).where(
            RateCounter.key == key, RateCounter.reset_at > literal(now, UTCDateTime())
        )
    )
    return int(found or 0)


def forget(name: str, subject: str) -> None:
    """Close the counter's window (e.g. the failure count after a successful login)."""
    key = counter_key(name, subject)
    client = redis_client()
    if client is not None:
        try:
            client.delete(_redis_key(key))
        except redis.RedisError as exc:
            raise _unavailable(exc) from exc
        return
    with transaction() as session:
        session.execute(delete(RateCounter).where(RateCounter.key == key))


def _redis_key(key: str) -> str:
    prefix: str = current_app.config.get("RATE_LIMIT_REDIS_PREFIX", DEFAULT_REDIS_PREFIX)
    return prefix + key


def _unavailable(exc: Exception) -> ServiceUnavailable:
    log.error("rate-limit store unavailable", extra={"error_class": type(exc).__name__})
    return ServiceUnavailable()


def _redis_hit(
    client: redis.Redis[bytes], key: str, now: datetime, window: timedelta, amount: int
) -> Window:
    now_ms = int(now.timestamp() * 1000)
    window_ms = int(window.total_seconds() * 1000)
    try:
        count, reset_ms = client.eval(_REDIS_HIT, 1, _redis_key(key), now_ms, window_ms, amount)  # type: ignore[no-untyped-call]
    except redis.RedisError as exc:
        raise _unavailable(exc) from exc
    return Window(int(count), datetime.fromtimestamp(int(reset_ms) / 1000, now.tzinfo))


def _database_hit(key: str, now: datetime, window: timedelta, amount: int) -> Window:
    dialect = db.engine.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    new_reset = literal(now + window, UTCDateTime())
    ended = RateCounter.reset_at <= literal(now, UTCDateTime())
    statement = (
        insert(RateCounter)
        .values(key=key, count=max(amount, 0), reset_at=now + window)
        .on_conflict_do_update(
            index_elements=[RateCounter.key],
            set_={
                "count": case(
                    (ended, max(amount, 0)),
                    else_=case(
                        (RateCounter.count + amount < 0, 0), else_=RateCounter.count + amount
                    ),
                ),
                "reset_at": case((ended, new_reset), else_=RateCounter.reset_at),
            },
        )
        .returning(RateCounter.count, RateCounter.reset_at)
    )
    with transaction() as session:
        row = session.execute(statement).one()
        if secrets.randbelow(_PRUNE_ONE_IN) == 0:
            session.execute(delete(RateCounter).where(RateCounter.reset_at <= now))
    count, reset_at = row
    return Window(int(count), reset_at)
