"""The email outbox: one row per email, written in the same transaction as the change."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime


class EmailKind(enum.StrEnum):
    APPOINTMENT_BOOKED = "appointment_booked"
    APPOINTMENT_CONFIRMED = "appointment_confirmed"
    APPOINTMENT_RESCHEDULED = "appointment_rescheduled"
    APPOINTMENT_CANCELLED = "appointment_cancelled"
    APPOINTMENT_REMINDER = "appointment_reminder"
    SERIES_BOOKED = "series_booked"  # one email for every occurrence of a recurring series
    SERIES_CANCELLED = "series_cancelled"
    APPOINTMENT_REQUESTED = "appointment_requested"
    APPOINTMENT_ACCEPTED = "appointment_accepted"
    APPOINTMENT_DECLINED = "appointment_declined"
    PASSWORD_RESET = "password_reset"  # noqa: S105  (an email kind, not a secret)
    PASSWORD_CHANGED = "password_changed"  # noqa: S105  (an email kind, not a secret)
    EMAIL_CHANGED = "email_changed"
    DOCTOR_APPROVED = "doctor_approved"
    DOCTOR_SUSPENDED = "doctor_suspended"
    MESSAGE_RECEIVED = "message_received"
    MESSAGE_DIGEST = "message_digest"
    WAITLIST_OFFER = "waitlist_offer"
    DOCUMENT_AVAILABLE = "document_available"  # no title, no kind: "a new document"
    ACCOUNT_INVITATION = "account_invitation"  # claim an account: set a password (#21)
    # Family access (accounts/family_service.py): to both sides, naming the other one.
    FAMILY_ACCESS_GRANTED = "family_access_granted"
    FAMILY_ACCESS_ACCEPTED = "family_access_accepted"
    FAMILY_ACCESS_REVOKED = "family_access_revoked"
    DEPENDENT_INVITED = "dependent_invited"  # the claim link, to the dependent's own address
    MFA_RESET = "mfa_reset"  # an administrator turned the user's two-factor sign-in off


class Channel(enum.StrEnum):
    """How an outbox row reaches its recipient: an email, or a text message (SMS) to the
    recipient's mobile number (`notifications/sms.py`), which says less than the email."""

    EMAIL = "email"
    SMS = "sms"


class EmailStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"  # a reminder no longer due when its turn came; nothing was sent


class OutboxEmail(Base):
    """An email to send. It names what happened, never PHI: the worker renders it from ids
    and from `params`, the payload its domain built for the template (never PHI)."""

    __tablename__ = "email_outbox"
    __table_args__ = (
        Index("ix_email_outbox_due", "status", "next_attempt_at"),
        Index("ix_email_outbox_appointment_kind", "appointment_id", "kind"),
        CheckConstraint("channel IN ('email', 'sms')", name="channel_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(
        String(8), default=Channel.EMAIL.value, server_default=Channel.EMAIL.value
    )
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    to_address: Mapped[str | None] = mapped_column(String(254))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments.id"))
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default=EmailStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
