"""notifications: indexes for the reminder scan and per-appointment outbox lookups

Revision ID: 0050_notifications
Revises: 0040_records_audit
Create Date: 2026-11-25
"""

from alembic import op

revision = "0050_notifications"
down_revision = "0040_records_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_email_outbox_appointment_kind", "email_outbox", ["appointment_id", "kind"])
    op.create_index("ix_appointments_start_time", "appointments", ["start_time"])


def downgrade() -> None:
    op.drop_index("ix_appointments_start_time", table_name="appointments")
    op.drop_index("ix_email_outbox_appointment_kind", table_name="email_outbox")
