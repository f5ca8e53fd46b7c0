"""booking keys: the Idempotency-Key of a booking and the appointment it made

Revision ID: 0130_booking_keys
Revises: 0120_security_review
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0130_booking_keys"
down_revision = "0120_security_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "booking_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("request_digest", sa.String(length=64), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_booking_keys_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_booking_keys_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_keys")),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_booking_keys_user_id_key")),
    )
    op.create_index(
        op.f("ix_booking_keys_appointment_id"), "booking_keys", ["appointment_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_booking_keys_appointment_id"), table_name="booking_keys")
    op.drop_table("booking_keys")
