"""Live events: "something in view changed" hints for open screens, durable and replayable.

A domain calls `emit(session, topics, kind, data)` inside the transaction of its change, so
an event exists exactly when the change committed (nothing is announced that rolled back,
nothing that committed goes unannounced). Events are rows of `live_events` with an
increasing id; the live-events server (`clinic360/live/server.py`) reads the rows after the
last id it saw and fans them out to the open streams of its process, and a client that
reconnects names the last id it received (`Last-Event-ID`) and gets what it missed.

The server reads every `EVENTS_POLL_MS`; when REDIS_URL is set, a commit that emitted also
publishes a wake-up on Redis, so every server on every machine reads at once.

Events carry ids and a status word only — never a name, a reason or anything clinical: a
screen that receives one refetches through the normal API, which applies the access rules.
`topics` say who may receive it (`doctor:12`, `patient:34`, `clinic`); who may listen to
which topic is decided in one place (`clinic360/live/topics.py`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, has_app_context, request
from sqlalchemy import BigInteger, Integer, String, Text, delete, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime, transaction

log = logging.getLogger(__name__)

WAKE_CHANNEL = "clinic360:live-events"
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]")
CLINIC_TOPIC = "clinic"
_WAKE_FLAG = "clinic360_live_events"

Scalar = int | str | None


class LiveEvent(Base):
    __tablename__ = "live_events"
    # ids are never reused after a prune: clients resume by id
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    topic: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


def doctor_topic(doctor_id: int) -> str:
    return f"doctor:{doctor_id}"


def patient_topic(patient_id: int) -> str:
    return f"patient:{patient_id}"


@dataclass(frozen=True)
class Event:
    id: int
    topic: str
    kind: str
    data: dict[str, Any]


def emit(session: Session, topics: Iterable[str], kind: str, data: dict[str, Scalar]) -> None:
    """Announce `kind` with `data` (ids and status words only) to each of `topics`, in the
    caller's transaction."""
    now = utcnow()
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True)
    session.add_all(
        LiveEvent(topic=topic, kind=kind, data=payload, created_at=now)
        for topic in dict.fromkeys(topics)
    )
    session.info[_WAKE_FLAG] = True


def since(session: Session, last_id: int, topics: Sequence[str] | None, limit: int) -> list[Event]:
    """The events after `last_id` (all topics when `topics` is None), oldest first."""
    query = select(LiveEvent.id, LiveEvent.topic, LiveEvent.kind, LiveEvent.data).where(
        LiveEvent.id > last_id
    )
    if topics is not None:
        query = query.where(LiveEvent.topic.in_(topics))
    rows = session.execute(query.order_by(LiveEvent.id).limit(limit)).all()
    return [Event(row.id, row.topic, row.kind, json.loads(row.data)) for row in rows]


def latest_id(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(LiveEvent.id), 0))) or 0)


def oldest_id(session: Session) -> int | None:
    """The oldest event still kept (None: none kept); a client whose last id is older than
    that missed events that were pruned, and must refetch everything."""
    value = session.scalar(select(func.min(LiveEvent.id)))
    return None if value is None else int(value)


def prune(session: Session, now: datetime | None = None) -> int:
    """Drop events older than EVENTS_RETENTION_MINUTES (a worker does this each minute) —
    all but the newest, which stays as the mark of how far ids went: a client whose last id
    is below the oldest kept one knows it missed pruned events (`oldest_id`)."""
    minutes = current_app.config["EVENTS_RETENTION_MINUTES"]
    cutoff = (now or utcnow()) - timedelta(minutes=minutes)
    newest = select(func.max(LiveEvent.id)).scalar_subquery()
    result = session.execute(
        delete(LiveEvent).where(LiveEvent.created_at < cutoff, LiveEvent.id < newest)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def prune_expired() -> int:
    """The worker's periodic scan: `prune` in its own transaction."""
    with transaction() as session:
        return prune(session)


def stream_url() -> str:
    """Where browsers open the live-events stream: EVENTS_PUBLIC_URL, or this request's host
    on EVENTS_PORT (`make run`: no proxy in front)."""
    configured: str = current_app.config["EVENTS_PUBLIC_URL"]
    if configured:
        return configured.rstrip("/")
    host = request.host if request.host.endswith("]") else request.host.rsplit(":", 1)[0]
    if not _HOST.fullmatch(host):  # never echo a forged Host header into the CSP
        host = "127.0.0.1"
    return f"{request.scheme}://{host}:{current_app.config['EVENTS_PORT']}/events"


def stream_origin() -> str:
    """`stream_url`'s origin (scheme://host[:port]), for the CSP's connect-src."""
    url = stream_url()
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}" if rest else "'self'"


def _publish_after_commit(session: Session) -> None:
    if not session.info.pop(_WAKE_FLAG, False) or not has_app_context():
        return
    redis = current_app.extensions.get("redis")
    if redis is None:
        return  # embedded: the server's poll finds the rows within EVENTS_POLL_MS
    try:
        redis.publish(WAKE_CHANNEL, b"1")
    except Exception as exc:  # the poll still delivers; a lost wake-up costs latency only
        log.warning("live-events wake-up not published", extra={"error": type(exc).__name__})


def _forget(session: Session) -> None:
    session.info.pop(_WAKE_FLAG, None)


def init_events() -> None:
    if not event.contains(Session, "after_commit", _publish_after_commit):
        event.listen(Session, "after_commit", _publish_after_commit)
        event.listen(Session, "after_rollback", _forget)
