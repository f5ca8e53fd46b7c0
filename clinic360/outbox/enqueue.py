"""Writing to the email outbox, from any domain, inside that domain's transaction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from clinic360.outbox.models import Channel, EmailKind, EmailStatus, OutboxEmail

WAKE_FLAG = "clinic360.outbox.wake"
"""Set on a session that queued an email; after its commit a worker is woken
(`notifications/worker.py`)."""


@dataclass(frozen=True)
class NewEmail:
    """One email to queue.

    `idempotency_key` is unique per event (e.g. `appointment:12:booked:patient`), so a
    retried request cannot queue the same email twice. `params` is the payload the template
    needs beyond the ids, built by the domain that asks for the email; never PHI.
    `to_address` overrides the recipient's current address (the old address for an
    email-change notice).
    """

    kind: EmailKind
    recipient_id: int
    idempotency_key: str
    appointment_id: int | None = None
    params: dict[str, str] | None = None
    to_address: str | None = None
    channel: Channel = Channel.EMAIL
    """`sms`: a text message to the recipient's mobile number (when they opted in as it
    goes out), rendered from the same payload, saying less."""


def enqueue(session: Session, email: NewEmail) -> None:
    """Add `email` to the caller's transaction; the worker sends it after commit.

    A second email with the same idempotency key fails the transaction (unique constraint).
    After the commit a worker is woken best-effort; if the job queue is down the row stays
    pending and a worker's poll sends it within `OUTBOX_POLL_SECONDS`.
    """
    session.add(
        OutboxEmail(
            kind=email.kind.value,
            recipient_id=email.recipient_id,
            idempotency_key=email.idempotency_key,
            appointment_id=email.appointment_id,
            params=email.params,
            to_address=email.to_address,
            channel=email.channel.value,
        )
    )
    session.info[WAKE_FLAG] = True


def enqueue_email(
    session: Session,
    *,
    kind: EmailKind,
    recipient_id: int,
    idempotency_key: str,
    appointment_id: int | None = None,
    params: dict[str, str] | None = None,
    to_address: str | None = None,
) -> None:
    """`enqueue` with the fields of `NewEmail` as keywords."""
    enqueue(
        session,
        NewEmail(kind, recipient_id, idempotency_key, appointment_id, params, to_address),
    )


def enqueue_missing(session: Session, emails: Sequence[NewEmail], now: datetime) -> int:
    """Queue those of `emails` whose idempotency key is not in the outbox yet; returns how
    many were new. Safe when two workers queue the same emails at once (the database skips
    a key another transaction wrote first). Wakes no worker: the periodic caller relays."""
    if not emails:
        return 0
    rows = [
        {
            "idempotency_key": email.idempotency_key,
            "kind": email.kind.value,
            "recipient_id": email.recipient_id,
            "appointment_id": email.appointment_id,
            "params": email.params,
            "to_address": email.to_address,
            "channel": email.channel.value,
            "status": EmailStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for email in emails
    ]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(OutboxEmail.__table__)
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
        .returning(OutboxEmail.__table__.c.id)
    )
    new = 0
    for part in _chunks(rows, ROWS_PER_STATEMENT):
        # Core executemany with RETURNING (SQLAlchemy's insertmanyvalues: a few batched
        # statements, no ORM work per row); the database skips keys already queued, and
        # the returned ids count what was new.
        new += len(session.connection().execute(statement, list(part)).all())
    return new


ROWS_PER_STATEMENT = 1000
"""Bound parameters per statement stay far below the drivers' limits (PostgreSQL's 65,535,
SQLite's 32,766): a reminder scan of 100,000 due visits queues 200,000 rows
(bench/bench_reminders.py)."""

T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
