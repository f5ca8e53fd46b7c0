"""Users of every role."""

from __future__ import annotations

import enum
import unicodedata
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    and_,
    false,
    func,
    select,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, column_property, mapped_column, validates

from clinic360.core import cache
from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime
from clinic360.core.durations import step_label
from clinic360.core.tokens import token_digest


class Role(enum.StrEnum):
    PATIENT = "patient"
    DOCTOR = "doctor"
    ADMIN = "admin"
    # Clinic staff (issue 21), created by an admin: the front desk books, moves, cancels and
    # checks in for any patient; the manager reads the audit trail. Neither sees clinical
    # content (`records.care` admits patients and doctors only).
    RECEPTIONIST = "receptionist"
    MANAGER = "manager"


STAFF_ROLES = frozenset({Role.RECEPTIONIST.value, Role.MANAGER.value})
ROLE_NAMES = tuple(role.value for role in Role)


def email_key(email: str) -> str:
    """The form in which emails are compared and kept unique: NFKC, then Unicode case
    folding, computed here so both databases agree (SQLite's lower() folds ASCII only)."""
    return unicodedata.normalize("NFKC", email).casefold()


def name_key(full_name: str) -> str:
    """The form in which people's names are searched: inner white space one space, NFKC,
    Unicode case folding (computed here, like `email_key`, so both databases agree)."""
    return unicodedata.normalize("NFKC", " ".join(full_name.split())).casefold()


def specialization_name(name: str) -> str:
    """A specialization's name as shown: trimmed, inner runs of white space one space."""
    return " ".join(name.split())


def specialization_key(name: str) -> str:
    """The form in which specialization names are compared and kept unique: the shown name,
    NFKC, Unicode case folding (computed here, like `email_key`, so both databases agree)."""
    return unicodedata.normalize("NFKC", specialization_name(name)).casefold()


class Specialization(Base):
    """One entry of the clinic's managed list of specializations (an admin edits it; doctors
    pick from it). A retired entry is no longer offered; doctors who have it keep it."""

    __tablename__ = "specializations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # `specialization_key(name)`, set whenever `name` is; unique.
    name_key: Mapped[str] = mapped_column(String(400), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @validates("name")
    def _keep_name_key(self, _name: str, value: str) -> str:
        value = specialization_name(value)
        self.name_key = specialization_key(value)
        return value


DEFAULT_SLOT_MINUTES = 30
"""A doctor's slot length until they choose one (5 to `MAX_APPOINTMENT_MINUTES`)."""
MIN_SLOT_MINUTES = 5
MAX_APPOINTMENT_MINUTES = 240
"""The longest appointment and the longest slot, in minutes: booking refuses longer ones,
doctors cannot choose longer slots, and range reads look back this far (DESIGN pitfall 12)."""
MAX_APPOINTMENT_LENGTH = timedelta(minutes=MAX_APPOINTMENT_MINUTES)
MAX_ADDRESS_LENGTH = 300
MAX_BIO_LENGTH = 1000
MAX_LANGUAGES = 10


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('patient', 'doctor', 'admin', 'receptionist', 'manager')", name="role_known"
        ),
        CheckConstraint(
            "slot_minutes IS NULL OR slot_minutes "
            f"BETWEEN {MIN_SLOT_MINUTES} AND {MAX_APPOINTMENT_MINUTES}",
            name="slot_minutes_range",
        ),
        CheckConstraint("NOT sms_reminders OR mobile_phone IS NOT NULL", name="sms_needs_phone"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32))
    email: Mapped[str] = mapped_column(String(254))
    # `email_key(email)`, set whenever `email` is; unique (review #23 F-10).
    email_key: Mapped[str] = mapped_column(String(1024))
    full_name: Mapped[str] = mapped_column(String(100))
    # `name_key(full_name)`, set whenever `full_name` is: the front desk's patient search.
    name_key: Mapped[str | None] = mapped_column(String(400))
    role: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # A doctor's entry of the managed list; its name is `specialization` (below).
    specialization_id: Mapped[int | None] = mapped_column(
        ForeignKey("specializations.id"), index=True
    )
    # The free-text column of releases before the managed list, kept in step with
    # `specialization_id` for servers of the previous release during a rollout; a later
    # release drops it (expand/contract, docs/operations.md).
    legacy_specialization: Mapped[str | None] = mapped_column("specialization", String(100))
    specialization: Mapped[str | None] = column_property(
        select(Specialization.name)
        .where(Specialization.id == specialization_id)
        .correlate_except(Specialization)
        .scalar_subquery()
    )
    """The name of the doctor's specialization (read-only: set `specialization_id`)."""
    approved: Mapped[bool] = mapped_column(Boolean, default=True)
    slot_minutes: Mapped[int | None] = mapped_column(Integer)
    # A doctor's public profile (#17): where in-person visits happen (emails, ICS LOCATION),
    # the languages they speak (comma-separated codes such as "en,fr") and a short bio.
    address: Mapped[str | None] = mapped_column(String(MAX_ADDRESS_LENGTH))
    languages: Mapped[str | None] = mapped_column(String(100))
    bio: Mapped[str | None] = mapped_column(String(MAX_BIO_LENGTH))
    # A doctor's message choices (`clinic360/messaging`): patients in their care may write
    # to them only while `accepts_messages`; `message_digest` turns one email per new
    # message into one daily summary. Both off until the doctor turns them on.
    accepts_messages: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    message_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    password_hash: Mapped[str] = mapped_column(String(255))
    # Sessions remember the epoch they started in; bumping it (password change or reset,
    # suspension) ends every session started before.
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspension_reason: Mapped[str | None] = mapped_column(String(500))
    # Two-factor sign-in (TOTP): the secret is set at enrolment and counts once confirmed
    # (`mfa_enabled_at`); `mfa_last_step` is the last accepted time step (codes single-use).
    mfa_secret: Mapped[str | None] = mapped_column(String(64))
    mfa_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mfa_last_step: Mapped[int | None] = mapped_column(Integer)
    # Reminder steps (minutes before the start, `REMINDER_SCHEDULE`) the user turned off.
    reminder_steps_off: Mapped[list[int] | None] = mapped_column(JSON)
    # A patient's mobile number in E.164 (`accounts/phones.py`, phonenumbers) and whether
    # they want reminders by text message too (only with a number; off by default).
    mobile_phone: Mapped[str | None] = mapped_column(String(16))
    sms_reminders: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A patient's date of birth (optional at self-registration; the front desk fills it in).
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @hybrid_property
    def is_active_doctor(self) -> bool:
        """A doctor patients may see, search and book, and who may see patient data:
        approved and not suspended. The one definition of that rule: in Python here, in SQL
        below (`select(User).where(User.is_active_doctor)`)."""
        return self.role == Role.DOCTOR.value and self.approved and self.suspended_at is None

    @is_active_doctor.inplace.expression
    @classmethod
    def _is_active_doctor_expression(cls) -> ColumnElement[bool]:
        return and_(
            cls.role == Role.DOCTOR.value, cls.approved.is_(True), cls.suspended_at.is_(None)
        )

    @validates("full_name")
    def _keep_name_key(self, _name: str, value: str) -> str:
        self.name_key = name_key(value)
        return value

    @validates("email")
    def _keep_email_key(self, _name: str, value: str) -> str:
        self.email_key = email_key(value)
        return value

    @property
    def suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def claimed(self) -> bool:
        """False for an account the front desk registered whose owner has not yet set a
        password from the invitation (`UNCLAIMED_HASH`)."""
        return self.password_hash != UNCLAIMED_HASH

    @property
    def mfa_enabled(self) -> bool:
        return self.mfa_enabled_at is not None

    @property
    def reminder_steps(self) -> list[dict[str, object]]:
        """The reminder steps of REMINDER_SCHEDULE, longest first, each on or off for the
        user (they turn steps off in their profile; transactional emails always go)."""
        off = set(self.reminder_steps_off or ())
        return [
            {"step": step_label(minutes), "minutes": minutes, "enabled": minutes not in off}
            for minutes in current_app.config["REMINDER_SCHEDULE"]
        ]

    @property
    def mfa_required(self) -> bool:
        """The role must use two-factor sign-in (setting MFA_REQUIRED_ROLES)."""
        return self.role in current_app.config["MFA_REQUIRED_ROLES"]


class PasswordResetToken(Base):
    """A reset link: only the SHA-256 of the token is stored; single use, short-lived.

    It is bound to the account's credentials when it was sent: the user's session epoch
    (a password change or reset, MFA enrolment and suspension bump it) and the SHA-256 of
    the email address it went to. `issued_for` compares both at use, so any of those
    changes voids every outstanding link.
    """

    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_epoch: Mapped[int] = mapped_column(Integer)
    email_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @staticmethod
    def binding(user: User) -> tuple[int, str]:
        """What a link issued now is bound to: (session epoch, digest of the email)."""
        return user.session_epoch, token_digest(user.email)

    def issued_for(self, user: User) -> bool:
        """The link still belongs to the user's current credentials."""
        return (self.session_epoch, self.email_digest) == self.binding(user)


UNCLAIMED_HASH = "!unclaimed"
"""The password hash of an account registered by the front desk until its owner claims it:
no password verifies against it (argon2 rejects it as a hash)."""


class AccountInvitation(Base):
    """An invitation to claim an account (set a password): for a patient the front desk
    registered, or a staff member an admin created. Nothing secret is stored: the link's
    token is an HMAC of the row (`invitations.token_for`), derived when the email is
    rendered. Single use (`used_at`), valid until `expires_at` (INVITATION_HOURS)."""

    __tablename__ = "account_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MfaRecoveryCode(Base):
    """A one-time recovery code for two-factor sign-in: only its SHA-256 is stored."""

    __tablename__ = "mfa_recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# Usernames (ASCII) and emails are unique ignoring case; the database enforces it.
Index("uq_users_username_lower", func.lower(User.username), unique=True)
Index("uq_users_email_key", User.email_key, unique=True)
Index("ix_users_role_approved", User.role, User.approved)
# The front desk's patient search (`accounts/staff.py`): by name prefix, birth date, phone.
Index("ix_users_role_name_key", User.role, User.name_key)
Index("ix_users_date_of_birth", User.date_of_birth)
Index("ix_users_mobile_phone", User.mobile_phone)


# The directory and free slots read these columns of doctors (what they show, their clock,
# whether they are listed): a change makes their cached answers unused.
cache.watch(
    User,
    lambda user: user.id,
    (
        "full_name", "specialization_id", "legacy_specialization", "timezone",
        "slot_minutes", "address", "languages", "bio", "role", "approved", "suspended_at",
    ),
    only_if=lambda user: user.role == Role.DOCTOR.value,
)  # fmt: skip
cache.watch(Specialization, lambda _entry: None)  # its name is shown in the directory
