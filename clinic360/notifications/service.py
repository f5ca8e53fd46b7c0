"""The outbox relay: claim due emails, send them outside any transaction, record the outcome.

Delivery is at least once. A claim marks rows `sending` with a lease; a worker that dies
mid-send leaves the lease to expire and another worker sends the row again with the same
`Message-ID` (a recipient's mail client then shows one email). Within a lease no other
worker touches the row: PostgreSQL claims with `FOR UPDATE SKIP LOCKED`, SQLite inside
`BEGIN IMMEDIATE` (one writer at a time).

Statuses: pending → sending → sent | failed | skipped (a reminder whose appointment was
cancelled, moved or already started when it came due; nothing is sent).
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from clinic360.accounts.models import Role, User
from clinic360.appointments.models import Appointment, AppointmentStatus
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.notifications.content import (
    APPOINTMENT_KINDS,
    INVITE_METHODS,
    AppointmentFacts,
    EmailFacts,
    action_url,
    render,
)
from clinic360.notifications.ics import Invite, invitation
from clinic360.notifications.message import (
    InvalidAddress,
    compose,
    message_id,
    parse_address,
    sender_domain,
)
from clinic360.notifications.models import EmailKind, EmailStatus, OutboxEmail
from clinic360.notifications.outbox import appointment_snapshot
from clinic360.notifications.transport import (
    PermanentFailure,
    TransientFailure,
    Transport,
    transport_for,
)

log = logging.getLogger("clinic360.notifications")
_jitter = random.SystemRandom()
REMINDER_STATUSES = (AppointmentStatus.SCHEDULED.value, AppointmentStatus.CONFIRMED.value)
DUE_STATUSES = (EmailStatus.PENDING.value, EmailStatus.SENDING.value)


@dataclass(frozen=True)
class Claim:
    id: int
    kind: str
    attempts: int
    lease_until: datetime


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


@dataclass(frozen=True)
class Prepared:
    message: EmailMessage
    sender: str
    recipient: str
    name: str


@dataclass(frozen=True)
class Skip:
    why: str


@dataclass(frozen=True)
class OutboxState:
    counts: dict[str, int] = field(default_factory=dict)
    oldest_pending_seconds: int | None = None


def _setting(name: str) -> Any:
    return current_app.config[name]


# --- Claiming -----------------------------------------------------------------------------


def _due(now: datetime) -> Any:
    # A claimed row's next_attempt_at is its lease end, so one indexed range finds both
    # pending rows that are due and `sending` rows whose worker vanished.
    return OutboxEmail.status.in_(DUE_STATUSES) & (OutboxEmail.next_attempt_at <= now)


def claim_due(now: datetime, limit: int | None = None) -> list[Claim]:
    """Lease up to `limit` due rows to this worker; returns what it now owns."""
    limit = limit or _setting("OUTBOX_BATCH_SIZE")
    with transaction(write=False) as session:
        if session.scalar(select(OutboxEmail.id).where(_due(now)).limit(1)) is None:
            return []  # the common case: no write lock taken (SQLite) when idle
    lease_until = now + timedelta(seconds=_setting("OUTBOX_LEASE_SECONDS"))
    with transaction() as session:
        rows = session.execute(
            select(OutboxEmail.id, OutboxEmail.kind, OutboxEmail.attempts)
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
    return [Claim(row.id, row.kind, row.attempts + 1, lease_until) for row in rows]


def _finish(claim: Claim, status: EmailStatus, *, any_lease: bool = False, **values: Any) -> bool:
    """Record an outcome if this worker still holds the row (or, for `sent`, at all)."""
    condition = OutboxEmail.id == claim.id
    if any_lease:
        condition &= OutboxEmail.status.in_(DUE_STATUSES)
    else:
        condition &= (OutboxEmail.status == EmailStatus.SENDING.value) & (
            OutboxEmail.lease_until == claim.lease_until
        )
    if status is not EmailStatus.PENDING and claim.kind == EmailKind.PASSWORD_RESET.value:
        values["params"] = None  # the reset token leaves the database once it is used up
    with transaction() as session:
        result = session.execute(
            update(OutboxEmail)
            .where(condition)
            .values(status=status.value, lease_until=None, **values)
            .execution_options(synchronize_session=False)
        )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _release(claim: Claim) -> None:
    """Give an unsent claim back (its lease would run out before we got to it)."""
    _finish(claim, EmailStatus.PENDING, next_attempt_at=utcnow(), attempts=OutboxEmail.attempts - 1)


def backoff(attempts: int) -> timedelta:
    """Delay before attempt `attempts + 1`: doubling from the base, capped, jittered 50–100%."""
    base = _setting("OUTBOX_BACKOFF_SECONDS")
    delay = min(_setting("OUTBOX_BACKOFF_MAX_SECONDS"), base * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=delay * _jitter.uniform(0.5, 1.0))


# --- What to send -------------------------------------------------------------------------


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id, populate_existing=True)
    if user is None:
        raise PermanentFailure("recipient no longer exists")
    return user


def _appointment(session: Session, row: OutboxEmail, now: datetime) -> AppointmentFacts | Skip:
    # Only the columns an email may show are read: never `reason`.
    found = session.execute(
        select(
            Appointment.id,
            Appointment.doctor_id,
            Appointment.start_time,
            Appointment.end_time,
            Appointment.status,
            Appointment.sequence,
        ).where(Appointment.id == row.appointment_id)
    ).one_or_none()
    if found is None:
        raise PermanentFailure("appointment no longer exists")
    if row.kind == EmailKind.APPOINTMENT_REMINDER.value:
        if found.status not in REMINDER_STATUSES:
            return Skip(f"appointment is {found.status}")
        if (row.params or {}).get("start") != found.start_time.astimezone(UTC).isoformat():
            return Skip("appointment was moved")
        if found.start_time <= now:
            return Skip("appointment already started")
    doctor = _user(session, found.doctor_id)
    # The state recorded when the event committed (outbox.py), else the current one.
    recorded = row.params or {}
    return AppointmentFacts(
        id=found.id,
        doctor_name=doctor.full_name,
        doctor_specialization=doctor.specialization,
        start=_instant(recorded.get("start")) or found.start_time,
        end=_instant(recorded.get("end")) or found.end_time,
        sequence=int(recorded.get("sequence", found.sequence)),
    )


def _instant(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


def prepare(session: Session, row: OutboxEmail, now: datetime) -> Prepared | Skip:
    """Build the message of `row` from ids, or say why it must not be sent."""
    kind = EmailKind(row.kind)
    recipient = _user(session, row.recipient_id)
    appointment: AppointmentFacts | None = None
    if kind in APPOINTMENT_KINDS:
        found = _appointment(session, row, now)
        if isinstance(found, Skip):
            return found
        appointment = found
    token = (row.params or {}).get("token")
    if kind is EmailKind.PASSWORD_RESET and not token:
        raise PermanentFailure("reset token no longer stored; the user must ask again")
    facts = EmailFacts(
        kind=kind,
        recipient_name=recipient.full_name,
        recipient_is_doctor=recipient.role == Role.DOCTOR.value,
        recipient_timezone=recipient.timezone,
        clinic_name=_setting("CLINIC_NAME"),
        public_url=_setting("PUBLIC_URL"),
        appointment=appointment,
        reset_token=token,
    )
    try:
        to = parse_address(row.to_address or recipient.email, recipient.full_name)
        sender = parse_address(_setting("MAIL_FROM"), _setting("CLINIC_NAME"))
    except InvalidAddress as exc:
        raise PermanentFailure(str(exc)) from None
    domain = sender_domain(sender.addr_spec)
    invite = None
    if appointment is not None and kind in INVITE_METHODS:
        details = Invite(
            method=INVITE_METHODS[kind],
            clinic_name=facts.clinic_name,
            organizer_address=sender.addr_spec,
            attendee_address=to.addr_spec,
            attendee_name=recipient.full_name,
            url=action_url(facts),
            public_url=facts.public_url,
            stamp=row.created_at,
        )
        invite = (details.method, invitation(appointment, details))
    message = compose(
        render(facts),
        sender=sender,
        recipient=to,
        msg_id=message_id(row.id, row.idempotency_key, domain),
        date=row.created_at,
        invite=invite,
    )
    return Prepared(message, sender.addr_spec, to.addr_spec, f"{row.id:08d}-{kind.value}")


# --- Relay --------------------------------------------------------------------------------


def _deliver(claim: Claim, transport: Transport, now: datetime, report: RelayReport) -> None:
    ids = {"outbox_id": claim.id, "kind": claim.kind, "attempt": claim.attempts}
    try:
        with transaction(write=False) as session:
            row = session.get(OutboxEmail, claim.id, populate_existing=True)
            if row is None or row.lease_until != claim.lease_until:
                return  # another worker took it over
            outcome = prepare(session, row, now)
        if isinstance(outcome, Skip):
            _finish(claim, EmailStatus.SKIPPED, last_error=outcome.why)
            report.skipped += 1
            log.info("email skipped", extra={**ids, "why": outcome.why})
            return
        transport.send(
            outcome.message, sender=outcome.sender, recipient=outcome.recipient, name=outcome.name
        )
    except TransientFailure as exc:
        _retry_later(claim, exc, now, report)
        return
    except PermanentFailure as exc:
        _finish(claim, EmailStatus.FAILED, last_error=exc.summary[:300])
        report.failed += 1
        log.error("email failed permanently", extra={**ids, "smtp_code": exc.code})
        return
    _finish(claim, EmailStatus.SENT, any_lease=True, sent_at=utcnow(), last_error=None)
    report.sent += 1
    log.info("email sent", extra={**ids, "transport": transport.label})


def _retry_later(claim: Claim, exc: TransientFailure, now: datetime, report: RelayReport) -> None:
    ids = {"outbox_id": claim.id, "kind": claim.kind, "attempt": claim.attempts}
    if claim.attempts >= _setting("OUTBOX_MAX_ATTEMPTS"):
        _finish(claim, EmailStatus.FAILED, last_error=exc.summary[:300])
        report.failed += 1
        log.error("email failed after the last attempt", extra={**ids, "smtp_code": exc.code})
        return
    delay = backoff(claim.attempts)
    _finish(claim, EmailStatus.PENDING, next_attempt_at=now + delay, last_error=exc.summary[:300])
    report.retried += 1
    log.warning(
        "email delivery failed; will retry",
        extra={**ids, "error": exc.summary[:80], "retry_in_s": round(delay.total_seconds())},
    )


def relay_once(now: datetime | None = None, transport: Transport | None = None) -> RelayReport:
    """Claim one batch of due emails and deliver it. `now` moves the clock (tests)."""
    now = now or utcnow()
    offset = now - utcnow()
    report = RelayReport()
    claims = claim_due(now)
    if not claims:
        return report
    transport = transport or transport_for(current_app.config, current_app.instance_path)
    # Do not start a send that could outlive the lease: another worker would send it too.
    budget = timedelta(seconds=2 * _setting("SMTP_TIMEOUT_SECONDS"))
    for index, claim in enumerate(claims):
        if utcnow() + offset + budget > claim.lease_until:
            for unsent in claims[index:]:
                _release(unsent)
                report.released += 1
            break
        _deliver(claim, transport, now, report)
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


# --- Reminders ----------------------------------------------------------------------------


def reminder_key(appointment_id: int, start: datetime, role: str) -> str:
    return f"appointment:{appointment_id}:reminder:{start.astimezone(UTC).isoformat()}:{role}"


def schedule_reminders(now: datetime | None = None) -> int:
    """Queue reminders for appointments starting within `REMINDER_HOURS`; returns how many.

    Idempotent: the key names the appointment and its start, so running twice (or on two
    workers at once) queues each reminder once, and a reschedule queues a new one.
    """
    now = now or utcnow()
    horizon = now + timedelta(hours=_setting("REMINDER_HOURS"))
    with transaction() as session:
        upcoming = session.execute(
            select(
                Appointment.id,
                Appointment.patient_id,
                Appointment.doctor_id,
                Appointment.start_time,
                Appointment.end_time,
                Appointment.sequence,
            ).where(
                Appointment.start_time > now,
                Appointment.start_time <= horizon,
                Appointment.status.in_(REMINDER_STATUSES),
            )
        ).all()
        if not upcoming:
            return 0
        existing = set(
            session.scalars(
                select(OutboxEmail.idempotency_key).where(
                    OutboxEmail.appointment_id.in_([a.id for a in upcoming]),
                    OutboxEmail.kind == EmailKind.APPOINTMENT_REMINDER.value,
                )
            )
        )
        rows = [
            {
                "idempotency_key": key,
                "kind": EmailKind.APPOINTMENT_REMINDER.value,
                "recipient_id": recipient,
                "appointment_id": a.id,
                "params": appointment_snapshot(a.start_time, a.end_time, a.sequence),
                "status": EmailStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for a in upcoming
            for role, recipient in (("patient", a.patient_id), ("doctor", a.doctor_id))
            if (key := reminder_key(a.id, a.start_time, role)) not in existing
        ]
        if not rows:
            return 0
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(
            dialect.insert(OutboxEmail)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
        )
    log.info("reminders queued", extra={"count": len(rows)})
    return len(rows)


# --- Operations ---------------------------------------------------------------------------


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
