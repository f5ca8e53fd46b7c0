"""manage links and the reminder schedule (#18): attendance confirmed by the patient, when
an appointment's time was set, the appointment history, reminder steps a user turned off

Revision ID: 0155_manage_links_reminders
Revises: 0140_cancellation_message
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0165_manage_links_reminders"
down_revision = "0160_specializations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appointments") as batch:
        batch.add_column(sa.Column("patient_confirmed_at", sa.DateTime(timezone=True)))
        batch.add_column(
            sa.Column(
                "times_set_at",
                sa.DateTime(timezone=True),
                server_default=sa.func.current_timestamp(),
            )
        )
    op.execute("UPDATE appointments SET times_set_at = created_at")
    with op.batch_alter_table("appointments") as batch:
        batch.alter_column("times_set_at", nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("reminder_steps_off", sa.JSON()))
    op.create_table(
        "appointment_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "appointment_id",
            sa.Integer(),
            sa.ForeignKey("appointments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=500)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("via IN ('app', 'email_link')", name="via_known"),
    )
    op.create_index(
        "ix_appointment_events_appointment", "appointment_events", ["appointment_id", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_appointment_events_appointment", table_name="appointment_events")
    op.drop_table("appointment_events")
    # Native DROP COLUMN (SQLite ≥ 3.35): a batch rebuild of `users` or `appointments` is
    # refused by the foreign keys to them once rows exist, and would rewrite constraints an
    # earlier downgrade drops.
    for table, column in (
        ("users", "reminder_steps_off"),
        ("appointments", "times_set_at"),
        ("appointments", "patient_confirmed_at"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
