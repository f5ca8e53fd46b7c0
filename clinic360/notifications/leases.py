"""Claiming outbox rows: a worker leases due rows, then records each outcome under its lease.

Within a lease no other worker touches the row: PostgreSQL claims with `FOR UPDATE SKIP
LOCKED`, SQLite inside `BEGIN IMMEDIATE` (one writer at a time). A worker that dies mid-send
leaves the lease to expire and another worker claims the row again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, select, update

from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.outbox.models import EmailKind, EmailStatus, OutboxEmail

DUE_STATUSES = (EmailStatus.PENDING.value, EmailStatus.SENDING.value)
_jitter = random.SystemRandom()


@dataclass(frozen=True)
class Claim:
    id: int
    kind: str
    attempts: int
    lease_until: datetime
    channel: str = "email"


_TOKEN_KINDS = frozenset({EmailKind.PASSWORD_RESET.value, EmailKind.DEPENDENT_INVITED.value})
"""Kinds whose payload holds a link's token (a reset link, a dependent's claim link)."""


def _due(now: datetime) -> ColumnElement[bool]:
    # A claimed row's next_attempt_at is its lease end, so one indexed range finds both
    # pending rows that are due and `sending` rows whose worker vanished.
    return OutboxEmail.status.in_(DUE_STATUSES) & (OutboxEmail.next_attempt_at <= now)


def claim_due(now: datetime, limit: int | None = None) -> list[Claim]:
    """Lease up to `limit` due rows to this worker; returns what it now owns."""
    limit = limit or current_app.config["OUTBOX_BATCH_SIZE"]
    with transaction(write=False) as session:
        if session.scalar(select(OutboxEmail.id).where(_due(now)).limit(1)) is None:
            return []  # the common case: no write lock taken (SQLite) when idle
    lease_until = now + timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])
    with transaction() as session:
        rows = session.execute(
            select(OutboxEmail.id, OutboxEmail.kind, OutboxEmail.attempts, OutboxEmail.channel)
            .where(_due(now))
            .order_by(OutboxEmail.next_attempt_at, OutboxEmail.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not rows:
            return []
        session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.id.in_([row.id for row in rows]))
            .values(
                status=EmailStatus.SENDING.value,
                lease_until=lease_until,
                next_attempt_at=lease_until,
                attempts=OutboxEmail.attempts + 1,
            )
        )
    return [Claim(row.id, row.kind, row.attempts + 1, lease_until, row.channel) for row in rows]


def finish(claim: Claim, status: EmailStatus, *, any_lease: bool = False, **values: Any) -> bool:
    """Record an outcome if this worker still holds the row (or, for `sent`, at all)."""
    condition = OutboxEmail.id == claim.id
    if any_lease:
        condition &= OutboxEmail.status.in_(DUE_STATUSES)
    else:
        condition &= (OutboxEmail.status == EmailStatus.SENDING.value) & (
            OutboxEmail.lease_until == claim.lease_until
        )
    if status is not EmailStatus.PENDING and claim.kind in _TOKEN_KINDS:
        values["params"] = None  # a link's token leaves the database once it is used up
    with transaction() as session:
        result = session.execute(
            update(OutboxEmail)
            .where(condition)
            .values(status=status.value, lease_until=None, **values)
            .execution_options(synchronize_session=False)
        )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def release(claim: Claim) -> None:
    """Give an unsent claim back (its lease would run out before we got to it)."""
    finish(claim, EmailStatus.PENDING, next_attempt_at=utcnow(), attempts=OutboxEmail.attempts - 1)


def backoff(attempts: int) -> timedelta:
    """Delay before attempt `attempts + 1`: doubling from the base, capped, jittered 50–100%."""
    base = current_app.config["OUTBOX_BACKOFF_SECONDS"]
    delay = min(current_app.config["OUTBOX_BACKOFF_MAX_SECONDS"], base * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=delay * _jitter.uniform(0.5, 1.0))
