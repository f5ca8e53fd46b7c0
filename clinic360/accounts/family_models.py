"""Family access: dependents (patients without a login of their own, cared for by a
guardian) and proxy grants (a patient lets another account act for them).

A dependent IS a patient: a `users` row of role patient with no usable credentials (a
random username, an address under the reserved `.invalid` domain, a password hash no
password matches), so appointments, records, messages and the access log name the
dependent as the patient with no special case. This table says who their guardian is until
the dependent claims the account (`claimed_at`), which ends the guardian's access.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime


class Relationship(enum.StrEnum):
    """What the dependent is to their guardian."""

    CHILD = "child"
    PARENT = "parent"
    SPOUSE = "spouse"
    SIBLING = "sibling"
    OTHER = "other"


RELATIONSHIPS_SQL = ", ".join(repr(item.value) for item in Relationship)


class Dependent(Base):
    __tablename__ = "dependents"
    __table_args__ = (
        CheckConstraint(f"relationship IN ({RELATIONSHIPS_SQL})", name="relationship_known"),
        CheckConstraint("patient_id <> guardian_id", name="not_own_guardian"),
        Index("ix_dependents_guardian_id", "guardian_id"),
    )

    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    date_of_birth: Mapped[date] = mapped_column(Date)
    relationship: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The invitation to claim the account (sent to the dependent's own address, which
    # becomes the account's): only the SHA-256 of the token is stored; single use.
    invite_email: Mapped[str | None] = mapped_column(String(254))
    invite_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invite_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the dependent chose their own username and password: the guardian's
    # access ends (the new account holder may grant proxy access).
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProxyGrant(Base):
    """A patient's grant of access to another account: pending until the proxy accepts,
    over once either side revokes it (rows are kept: the history of who could act)."""

    __tablename__ = "proxy_grants"
    __table_args__ = (
        CheckConstraint("may_book OR may_read_records OR may_message", name="some_capability"),
        CheckConstraint("patient_id <> proxy_id", name="not_self"),
        CheckConstraint("revoked_by IS NULL OR revoked_at IS NOT NULL", name="revoked_by_needs_at"),
        Index("ix_proxy_grants_proxy_id", "proxy_id"),
        Index(
            "uq_proxy_grants_open",
            "patient_id",
            "proxy_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proxy_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    may_book: Mapped[bool] = mapped_column(Boolean)
    may_read_records: Mapped[bool] = mapped_column(Boolean)
    may_message: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
