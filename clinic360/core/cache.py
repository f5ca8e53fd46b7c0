"""Read caches keyed by version counters that the writing transaction bumps.

A cached answer is stored under a key naming the versions it was computed at; every write
that can change such an answer bumps the version in its own transaction (`bump`), and a
read takes the versions in its read transaction *before* reading anything else
(`versions`). So a reader that sees version v reads data at least as new as v, and once a
write commits, no reader asks for the old key again: no stale answer is ever served. TTL
and size only bound memory.

Versions live in `cache_versions`: one row per doctor (their slots and their directory
entry) and row 0 (`DIRECTORY`) for what every doctor's answer depends on (clinic closures,
who is listed, the directory pages' doctor data). A missing row is version 0.

Storage is in-process (LRU with a TTL) without `REDIS_URL`, and Redis with it, so every
gunicorn worker and machine shares the answers. A Redis error reads as a miss: the
answer is computed as if there were no cache. A value in Redis is a pickle behind an
HMAC-SHA256 of it under a key derived from SECRET_KEY: a value anyone else wrote into Redis
fails the check and is a miss, never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import redis
from flask import current_app
from sqlalchemy import BigInteger, Integer, event, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, UOWTransaction, mapped_column

from clinic360.core.db import Base

DIRECTORY = 0
"""The version row every cached answer also depends on."""
_PREFIX = "c360:rc:"
_DIGEST = 32  # bytes of HMAC-SHA256 in front of each pickled value in Redis


def _mac_key() -> bytes:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, b"clinic360.read-cache", hashlib.sha256).digest()


def _seal(key: bytes, value: Any) -> bytes:
    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return hmac.new(key, payload, hashlib.sha256).digest() + payload


def _open(key: bytes, sealed: bytes | None) -> Any:
    """The value, or None (a miss) when absent or not sealed by this app's secret."""
    if sealed is None or len(sealed) <= _DIGEST:
        return None
    mac, payload = sealed[:_DIGEST], sealed[_DIGEST:]
    if not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        return None
    return pickle.loads(payload)  # noqa: S301  # nosec B301 (HMAC-verified: our own answers)


class CacheVersion(Base):
    __tablename__ = "cache_versions"

    doctor_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)


def bump(session: Session, doctor_id: int | None, *, directory: bool = False) -> None:
    """Make every cached answer about `doctor_id` (and with `directory`, every cached answer
    at all) unused from this transaction's commit on. Call it inside the writing
    transaction: rolled back with it, committed with it."""
    ids = ([doctor_id] if doctor_id is not None else []) + ([DIRECTORY] if directory else [])
    _bump_ids(session, ids)


def _bump_ids(session: Session, ids: Iterable[int]) -> None:
    connection = session.connection()  # no autoflush: also runs inside a flush
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    for key in sorted(set(ids)):  # one order everywhere: no deadlock between two bumps
        statement = insert(CacheVersion).values(doctor_id=key, version=1)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[CacheVersion.doctor_id],
                set_={"version": CacheVersion.version + 1},
            )
        )


DoctorOf = Callable[[Any], "int | None"]
_watched: dict[type, tuple[DoctorOf, frozenset[str] | None, Callable[[Any], bool]]] = {}


def watch(
    model: type,
    doctor_of: DoctorOf,
    columns: Iterable[str] | None = None,
    only_if: Callable[[Any], bool] = lambda _obj: True,
) -> None:
    """Bump the doctor's version and `DIRECTORY` in the transaction of every ORM insert,
    delete or change (of one of `columns`; None: any) of a `model` row. Each domain names
    its own rows that cached answers read (schedule entries, visit types, closures,
    doctors' profiles; `only_if`: rows that matter, e.g. doctors among users); a bulk
    UPDATE bypasses this and must call `bump` itself."""
    _watched[model] = (doctor_of, None if columns is None else frozenset(columns), only_if)


@event.listens_for(Session, "before_flush")
def _bump_watched(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    ids: set[int] = set()
    for obj in (*session.new, *session.deleted, *session.dirty):
        watched = _watched.get(type(obj))
        if watched is None:
            continue
        doctor_of, columns, only_if = watched
        if not only_if(obj) or (obj in session.dirty and not _changed(obj, columns)):
            continue
        ids.add(DIRECTORY)
        doctor_id = doctor_of(obj)
        if doctor_id is not None:
            ids.add(doctor_id)
    if ids:
        _bump_ids(session, ids)


def _changed(obj: Any, columns: frozenset[str] | None) -> bool:
    attrs = inspect(obj).attrs
    names = columns if columns is not None else (attr.key for attr in attrs)
    return any(attrs[name].history.has_changes() for name in names)


def versions(session: Session, doctor_ids: Iterable[int]) -> dict[int, int]:
    """The current versions of these doctors and of `DIRECTORY` (0 when never bumped), in
    one query. Read them first in the read transaction, before the data they key."""
    wanted = {DIRECTORY, *doctor_ids}
    found = dict.fromkeys(wanted, 0)
    rows = session.execute(
        select(CacheVersion.doctor_id, CacheVersion.version).where(
            CacheVersion.doctor_id.in_(sorted(wanted))
        )
    )
    found.update((doctor_id, version) for doctor_id, version in rows)
    return found


def enabled() -> bool:
    return bool(current_app.config["READ_CACHE_ENABLED"])


class _Local:
    """A thread-safe LRU of at most `entries` values, each kept `seconds` at most."""

    def __init__(self) -> None:
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> list[Any]:
        now = time.monotonic()
        found: list[Any] = []
        with self._lock:
            for key in keys:
                item = self._items.get(key)
                if item is None or item[0] <= now:
                    found.append(None)
                    continue
                self._items.move_to_end(key)
                found.append(item[1])
        return found

    def set_many(self, values: dict[str, Any], seconds: int, entries: int) -> None:
        expires = time.monotonic() + seconds
        with self._lock:
            for key, value in values.items():
                self._items[key] = (expires, value)
                self._items.move_to_end(key)
            while len(self._items) > entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _local() -> _Local:
    store: _Local | None = current_app.extensions.get("read_cache")
    if store is None:
        store = current_app.extensions.setdefault("read_cache", _Local())
    return store


def get_many(keys: Sequence[str]) -> list[Any]:
    """The cached values of `keys` (None for a miss), in order."""
    if not keys:
        return []
    from clinic360.core.stores import redis_client

    client = redis_client()
    if client is None:
        return _local().get_many(keys)
    try:
        raw = client.mget([_PREFIX + key for key in keys])
    except redis.RedisError:  # a cache that does not answer is a miss
        return [None] * len(keys)
    key = _mac_key()
    return [_open(key, value) for value in raw]


def set_many(values: dict[str, Any]) -> None:
    """Keep these answers (values must not be None)."""
    if not values:
        return
    from clinic360.core.stores import redis_client

    seconds = int(current_app.config["READ_CACHE_SECONDS"])
    client = redis_client()
    if client is None:
        _local().set_many(values, seconds, int(current_app.config["READ_CACHE_ENTRIES"]))
        return
    try:
        pipe = client.pipeline(transaction=False)
        mac_key = _mac_key()
        for key, value in values.items():
            pipe.set(_PREFIX + key, _seal(mac_key, value), ex=seconds)
        pipe.execute()
    except redis.RedisError:  # an answer not kept is computed again next time
        return


def get(key: str) -> Any:
    return get_many([key])[0]


def put(key: str, value: Any) -> None:
    set_many({key: value})
