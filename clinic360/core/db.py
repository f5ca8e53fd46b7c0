"""Database: the declarative base, the UTC datetime type and transaction helpers."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Dialect, MetaData, Select, event, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import DeclarativeBase, ORMExecuteState, Session, SessionTransaction
from sqlalchemy.types import TypeDecorator

from clinic360.core.errors import ServiceUnavailable

log = logging.getLogger("clinic360.db")
T = TypeVar("T")

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()

_IMMEDIATE = "clinic360_sqlite_immediate"


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC; always read back timezone-aware (SQLite returns naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is UTC:  # PostgreSQL sessions run in UTC (engine_options)
            return value
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def engine_options(database_url: str, settings: dict[str, Any]) -> dict[str, Any]:
    """Pool and driver options: bounded waits so an outage becomes a 503, not a hang.

    `hide_parameters`: database errors (and so logged tracebacks) never carry bound values,
    which may be PHI (a diagnosis in a failed INSERT).
    """
    if database_url.startswith("sqlite"):
        return {
            "hide_parameters": True,
            "connect_args": {"timeout": settings["SQLITE_BUSY_TIMEOUT_SECONDS"]},
        }
    # TimeZone=UTC: psycopg then reads every timestamptz with `datetime.UTC` as its tzinfo, so
    # reading an instant back needs no zone conversion (a named zone's costs ~1 µs a value,
    # thousands per slot or directory read). Nothing in SQL depends on the session's zone.
    timeouts = (
        f"-c statement_timeout={settings['DB_STATEMENT_TIMEOUT_MS']} "
        f"-c lock_timeout={settings['DB_LOCK_TIMEOUT_MS']} -c TimeZone=UTC"
    )
    return {
        "hide_parameters": True,
        # No pool_pre_ping: it costs a round trip on every checkout. `_ping_idle_connections`
        # pings only connections that sat idle, where a restart or a timeout may have killed them.
        "pool_recycle": settings["DB_POOL_RECYCLE_SECONDS"],
        "pool_size": settings["DB_POOL_SIZE"],
        "pool_timeout": settings["DB_CONNECT_TIMEOUT_SECONDS"],
        "connect_args": {
            "connect_timeout": settings["DB_CONNECT_TIMEOUT_SECONDS"],
            "options": timeouts,
        },
    }


def init_db(app: Flask, migrations_dir: str) -> None:
    db.init_app(app)
    # Batch mode lets migrations alter tables on SQLite too.
    migrate.init_app(app, db, directory=migrations_dir, render_as_batch=True, compare_type=True)
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
        else:
            _ping_idle_connections(engine, app.config["DB_PING_IDLE_SECONDS"])


_CHECKED_IN = "clinic360_checked_in"


def _ping_idle_connections(engine: Engine, idle_seconds: int) -> None:
    """Ping a pooled connection before use only when it sat idle `idle_seconds` or more.

    A connection handed back a moment ago is alive (a busy server reuses its connections
    within milliseconds), so the round trip of SQLAlchemy's `pool_pre_ping` on every checkout
    buys nothing there. A dead idle connection raises `DisconnectionError`, on which the pool
    discards it and checks out another (SQLAlchemy's documented custom-ping recipe).
    """

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[_CHECKED_IN] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        checked_in = record.info.get(_CHECKED_IN)
        if checked_in is None or time.monotonic() - checked_in < idle_seconds:
            return  # new, or just used
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError("idle connection is dead") from exc


def _configure_sqlite(engine: Engine) -> None:
    """Take transaction control from pysqlite so writers can use BEGIN IMMEDIATE.

    SQLite serialises writers; a write transaction that starts with BEGIN IMMEDIATE holds
    the write lock from its first read, so a check-then-insert cannot interleave.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def transaction(*, write: bool = True) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back if it raises.

    Before a write, any read-only transaction the request already opened (loading the
    current user, say) is closed first, so the work runs in a fresh transaction. `write=True`
    takes SQLite's write lock up front (BEGIN IMMEDIATE); PostgreSQL relies on its
    constraints and locks. A read (`write=False`) continues a transaction the request has
    open that has only read so far (under READ COMMITTED each statement sees the latest
    commits anyway) and ends it: two round trips fewer (COMMIT, BEGIN) on every signed-in
    read. One that wrote (or holds pending objects) is committed first, as before a write.
    """
    session = db.session()
    if session.in_transaction():
        if not write and not _wrote(session):
            with _ending(session):
                yield session
            return
        session.commit()
    with session.begin():
        if write and session.get_bind().dialect.name == "sqlite":
            session.connection(execution_options={_IMMEDIATE: True})
        yield session


_WROTE = "clinic360_wrote"


@event.listens_for(Session, "do_orm_execute")
def _note_write(state: ORMExecuteState) -> None:
    """Remember that the session's transaction ran something other than a SELECT."""
    if not state.is_select:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _context: Any) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_writes(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def _wrote(session: Session) -> bool:
    """Whether the open transaction wrote, or has objects waiting to be flushed."""
    return bool(session.info.get(_WROTE) or session.new or session.dirty or session.deleted)


@contextmanager
def _ending(session: Session) -> Iterator[None]:
    """Commit the session's open transaction when the block ends, roll it back if it raises."""
    try:
        yield
    except BaseException:
        session.rollback()
        raise
    session.commit()


MAX_RETRIES = 3
"""Retries of a transaction after a serialization failure or deadlock."""
RETRY_STATES = frozenset({"40001", "40P01"})  # serialization failure, deadlock
BUSY_STATES = frozenset({"55P03", "57014"})  # lock timeout, statement timeout
_jitter = random.SystemRandom()


def sqlstate(exc: DBAPIError) -> str:
    """The PostgreSQL SQLSTATE of a driver error ('' on SQLite)."""
    return getattr(exc.orig, "sqlstate", None) or ""


def constraint_name(exc: DBAPIError) -> str | None:
    """The constraint a PostgreSQL integrity error names (None on SQLite or when unnamed)."""
    diag = getattr(exc.orig, "diag", None)
    return getattr(diag, "constraint_name", None)


def run_in_transaction(work: Callable[[Session], T]) -> T:
    """Run `work` in one write transaction (`transaction()`), retrying what is worth it.

    40001/40P01 → up to `MAX_RETRIES` retries with growing jitter, then `ServiceUnavailable`;
    55P03/57014 → `ServiceUnavailable` (503 with Retry-After) at once. Any other error,
    integrity errors included, propagates unchanged for the caller to decide.
    """
    for attempt in range(MAX_RETRIES + 1):
        try:
            with transaction() as session:
                return work(session)
        except DBAPIError as exc:
            state = sqlstate(exc)
            if state in RETRY_STATES and attempt < MAX_RETRIES:
                log.warning("retrying after %s", state, extra={"attempt": attempt + 1})
                time.sleep(_jitter.uniform(0.01, 0.05) * 2**attempt)
                continue
            if state in RETRY_STATES or state in BUSY_STATES:
                log.warning("database busy", extra={"sqlstate": state})
                raise ServiceUnavailable() from exc
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def page_total(
    session: Session,
    query: Select[*tuple[Any, ...]],
    got: int,
    limit: int | None,
    offset: int,
) -> int:
    """The total of a list of which `got` rows were read from `query` at `offset` (at most
    `limit`): counted in SQL only when the page cannot tell — a full page, or an empty one
    past the start. A whole list, or a last page, is its own count (one statement fewer)."""
    if limit is None or (got < limit and (got or offset == 0)):
        return offset + got
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    return int(session.scalar(counted) or 0)
