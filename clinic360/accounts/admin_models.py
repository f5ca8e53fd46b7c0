"""What administrators did to accounts: suspensions, reactivations and two-factor resets.

One row per action, written in the action's own transaction (no row, no action). Migration
0290 refuses UPDATE and DELETE on the table (SQLite and PostgreSQL). The PHI access log
(`clinic360/audit`) is about patients' data; this one is about accounts.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime


class AdminActionKind(enum.StrEnum):
    SUSPEND = "suspend"
    REACTIVATE = "reactivate"
    MFA_RESET = "mfa_reset"


class AdminAction(Base):
    __tablename__ = "admin_actions"
    __table_args__ = (
        CheckConstraint("action IN ('suspend', 'reactivate', 'mfa_reset')", name="action_known"),
        Index("ix_admin_actions_user_at", "user_id", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    admin_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(500))
    request_id: Mapped[str | None] = mapped_column(String(64))
