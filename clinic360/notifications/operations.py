"""What an operator sees and nudges: counts per status, the oldest pending email, retries."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.outbox.models import EmailStatus, OutboxEmail

log = logging.getLogger("clinic360.notifications")


@dataclass(frozen=True)
class OutboxState:
    counts: dict[str, int] = field(default_factory=dict)
    oldest_pending_seconds: int | None = None


def outbox_state(*, include_sent: bool = False, now: datetime | None = None) -> OutboxState:
    """Row counts per status and the age of the oldest pending email (cheap: indexed)."""
    now = now or utcnow()
    statuses = [s.value for s in EmailStatus if include_sent or s is not EmailStatus.SENT]
    with transaction(write=False) as session:
        counts = dict.fromkeys(statuses, 0)
        for status, count in session.execute(
            select(OutboxEmail.status, func.count())
            .where(OutboxEmail.status.in_(statuses))
            .group_by(OutboxEmail.status)
        ):
            counts[status] = count
        oldest = session.scalar(
            select(func.min(OutboxEmail.created_at)).where(
                OutboxEmail.status == EmailStatus.PENDING.value
            )
        )
    age = None if oldest is None else max(0, int((now - oldest).total_seconds()))
    return OutboxState(counts=counts, oldest_pending_seconds=age)


def retry_email(outbox_id: int, now: datetime | None = None) -> str | None:
    """Put a failed email back in the queue with fresh attempts.

    Returns the row's status before (None when there is no such row); only `failed` and
    `skipped` rows change.
    """
    with transaction() as session:
        row = session.get(OutboxEmail, outbox_id, populate_existing=True)
        if row is None:
            return None
        before = row.status
        if before in (EmailStatus.FAILED.value, EmailStatus.SKIPPED.value):
            row.status = EmailStatus.PENDING.value
            row.attempts = 0
            row.next_attempt_at = now or utcnow()
            row.lease_until = None
    log.info("email retry requested", extra={"outbox_id": outbox_id, "was": before})
    return before


def health_summary() -> dict[str, int | None]:
    """The outbox part of `/api/health`: backlog and failures, no sent count (cheap)."""
    state = outbox_state()
    return {
        "pending": state.counts[EmailStatus.PENDING.value],
        "sending": state.counts[EmailStatus.SENDING.value],
        "failed": state.counts[EmailStatus.FAILED.value],
        "oldest_pending_seconds": state.oldest_pending_seconds,
    }
