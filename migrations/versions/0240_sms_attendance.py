"""SMS reminders and the attendance record (#18): a patient's mobile number and SMS opt-in,
the outbox row's channel, and the `requested` appointment status

Revision ID: 0240_sms_attendance
Revises: 0230_waitlist
Create Date: 2026-12-07

The `requested` status joins the status CHECK. Both exclusion constraints already cover it:
their predicate is `status <> 'cancelled'` (0002, 0170), so a requested visit holds its slot
like a scheduled one. SQLite cannot alter a CHECK without rebuilding `appointments` (which
the foreign keys to it refuse once rows exist); the CHECK's text in the schema is edited
instead, SQLite's documented procedure for changes that leave the stored rows valid
(https://www.sqlite.org/lang_altertable.html, "making other kinds of table schema changes").
"""

import sqlalchemy as sa
from alembic import op

revision = "0240_sms_attendance"
down_revision = "0230_waitlist"
branch_labels = None
depends_on = None

_OLD = "'scheduled', 'confirmed', 'completed', 'cancelled', 'no_show'"
_NEW = _OLD + ", 'requested'"
_CHECK = "ck_appointments_status_known"


def _status_check(old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE appointments DROP CONSTRAINT {_CHECK}")
        op.execute(f"ALTER TABLE appointments ADD CONSTRAINT {_CHECK} CHECK (status IN ({new}))")
        return
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'appointments'"
    ).scalar_one()
    if f"({old})" not in sql:
        raise RuntimeError("appointments: the status CHECK is not the expected one")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'appointments'",
        (sql.replace(f"({old})", f"({new})"),),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    op.add_column("users", sa.Column("mobile_phone", sa.String(length=16)))
    # ADD COLUMN … CHECK works natively on both databases (no rebuild of `users`).
    op.execute(
        "ALTER TABLE users ADD COLUMN sms_reminders BOOLEAN DEFAULT FALSE NOT NULL "
        "CONSTRAINT ck_users_sms_needs_phone CHECK (NOT sms_reminders OR mobile_phone IS NOT NULL)"
    )
    op.execute(
        "ALTER TABLE email_outbox ADD COLUMN channel VARCHAR(8) DEFAULT 'email' NOT NULL "
        "CONSTRAINT ck_email_outbox_channel_known CHECK (channel IN ('email', 'sms'))"
    )
    _status_check(_OLD, _NEW)


def downgrade() -> None:
    op.execute("UPDATE appointments SET status = 'cancelled' WHERE status = 'requested'")
    _status_check(_NEW, _OLD)
    op.execute("DELETE FROM email_outbox WHERE channel = 'sms'")
    op.drop_column("email_outbox", "channel")
    op.drop_column("users", "sms_reminders")
    op.drop_column("users", "mobile_phone")
