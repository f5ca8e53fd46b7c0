"""The outbox relay: claim due emails, send them outside any transaction, record the outcome.

Delivery is at least once. A claim (`leases.py`) marks rows `sending` with a lease; a worker
that dies mid-send leaves the lease to expire and another worker sends the row again with
the same `Message-ID` (a recipient's mail client then shows one email).

Text messages (`channel` `sms`, `sms.py`) share the rows, claims, retries and backoff; only
their rendering and transport differ.

Statuses: pending → sending → sent | failed | skipped (a reminder whose appointment was
cancelled, moved or already started when it came due; nothing is sent).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app

from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.notifications.leases import Claim, backoff, claim_due, finish, release
from clinic360.notifications.rendering import Skip, prepare
from clinic360.notifications.sms import TextMessage, TextTransport, prepare_text, text_transport_for
from clinic360.notifications.transport import (
    PermanentFailure,
    TransientFailure,
    Transport,
    transport_for,
)
from clinic360.outbox.models import Channel, EmailStatus, OutboxEmail

log = logging.getLogger("clinic360.notifications")


@dataclass
class RelayReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    released: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.skipped


@dataclass
class Transports:
    """Where each channel's messages go; each made on first use."""

    email: Transport | None = None
    text: TextTransport | None = None

    def for_email(self) -> Transport:
        if self.email is None:
            self.email = transport_for(current_app.config, current_app.instance_path)
        return self.email

    def for_text(self) -> TextTransport:
        if self.text is None:
            self.text = text_transport_for(current_app.config, current_app.instance_path)
        return self.text


def _deliver(claim: Claim, transports: Transports, now: datetime, report: RelayReport) -> None:
    ids = {"outbox_id": claim.id, "kind": claim.kind, "attempt": claim.attempts}
    if claim.channel != Channel.EMAIL.value:
        ids["channel"] = claim.channel
    label = "?"
    try:
        with transaction(write=False) as session:
            row = session.get(OutboxEmail, claim.id, populate_existing=True)
            if row is None or row.lease_until != claim.lease_until:
                return  # another worker took it over
            outcome = (
                prepare_text(session, row, now)
                if row.channel == Channel.SMS.value
                else prepare(session, row, now)
            )
        if isinstance(outcome, Skip):
            finish(claim, EmailStatus.SKIPPED, last_error=outcome.why)
            report.skipped += 1
            log.info("email skipped", extra={**ids, "why": outcome.why})
            return
        if isinstance(outcome, TextMessage):
            text_transport = transports.for_text()
            label = text_transport.label
            text_transport.send(outcome)
        else:
            transport = transports.for_email()
            label = transport.label
            transport.send(
                outcome.message,
                sender=outcome.sender,
                recipient=outcome.recipient,
                name=outcome.name,
            )
    except TransientFailure as exc:
        _retry_later(claim, exc, now, report)
        return
    except PermanentFailure as exc:
        finish(claim, EmailStatus.FAILED, last_error=exc.summary[:300])
        report.failed += 1
        log.error("email failed permanently", extra={**ids, "smtp_code": exc.code})
        return
    finish(claim, EmailStatus.SENT, any_lease=True, sent_at=utcnow(), last_error=None)
    report.sent += 1
    log.info("email sent", extra={**ids, "transport": label})


def _retry_later(claim: Claim, exc: TransientFailure, now: datetime, report: RelayReport) -> None:
    ids = {"outbox_id": claim.id, "kind": claim.kind, "attempt": claim.attempts}
    if claim.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
        finish(claim, EmailStatus.FAILED, last_error=exc.summary[:300])
        report.failed += 1
        log.error("email failed after the last attempt", extra={**ids, "smtp_code": exc.code})
        return
    delay = backoff(claim.attempts)
    finish(claim, EmailStatus.PENDING, next_attempt_at=now + delay, last_error=exc.summary[:300])
    report.retried += 1
    log.warning(
        "email delivery failed; will retry",
        extra={**ids, "error": exc.summary[:80], "retry_in_s": round(delay.total_seconds())},
    )


def relay_once(
    now: datetime | None = None,
    transport: Transport | None = None,
    text_transport: TextTransport | None = None,
) -> RelayReport:
    """Claim one batch of due emails and text messages and deliver it. `now` moves the
    clock (tests); `transport` and `text_transport` replace the configured ones."""
    now = now or utcnow()
    offset = now - utcnow()
    report = RelayReport()
    claims = claim_due(now)
    if not claims:
        return report
    transports = Transports(transport, text_transport)
    # Do not start a send that could outlive the lease: another worker would send it too.
    config = current_app.config
    budget = timedelta(
        seconds=2 * max(config["SMTP_TIMEOUT_SECONDS"], config["SMS_TIMEOUT_SECONDS"])
    )
    for index, claim in enumerate(claims):
        if utcnow() + offset + budget > claim.lease_until:
            for unsent in claims[index:]:
                release(unsent)
                report.released += 1
            break
        _deliver(claim, transports, now, report)
    return report


def relay_until_idle(max_batches: int = 50, now: datetime | None = None) -> RelayReport:
    """Relay batches until nothing is due (bounded, so one call cannot run forever)."""
    total = RelayReport()
    for _ in range(max_batches):
        report = relay_once(now)
        for name in ("sent", "retried", "failed", "skipped", "released"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        if report.handled == 0:
            break
    return total
