"""schedule entries (weekly and dated opening/closing windows)

Revision ID: 0010_schedules
Revises: 0003_email_outbox
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_schedules"
down_revision = "0003_email_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schedule_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("day_of_week", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("is_available", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(day_of_week IS NULL AND date IS NOT NULL) OR "
            "(day_of_week IS NOT NULL AND date IS NULL)",
            name=op.f("ck_schedule_entries_weekly_xor_dated"),
        ),
        sa.CheckConstraint(
            "day_of_week BETWEEN 0 AND 6", name=op.f("ck_schedule_entries_day_of_week_range")
        ),
        sa.CheckConstraint(
            "start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute",
            name=op.f("ck_schedule_entries_window_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["doctor_id"],
            ["users.id"],
            name=op.f("fk_schedule_entries_doctor_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_entries")),
    )
    op.create_index("ix_schedule_entries_doctor_id", "schedule_entries", ["doctor_id"])


def downgrade() -> None:
    op.drop_index("ix_schedule_entries_doctor_id", table_name="schedule_entries")
    op.drop_table("schedule_entries")
