"""appointments, with exclusion constraints against double booking on PostgreSQL

Revision ID: 0002_appointments
Revises: 0001_users
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_appointments"
down_revision = "0001_users"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("end_time > start_time", name=op.f("ck_appointments_ends_after_start")),
        sa.CheckConstraint(
            "status IN ('scheduled', 'confirmed', 'completed', 'cancelled', 'no_show')",
            name=op.f("ck_appointments_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["doctor_id"], ["users.id"], name=op.f("fk_appointments_doctor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_appointments_patient_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint(
            "id", "patient_id", "doctor_id", name=op.f("uq_appointments_id_patient_id_doctor_id")
        ),
    )
    op.create_index("ix_appointments_doctor_start", "appointments", ["doctor_id", "start_time"])
    op.create_index("ix_appointments_patient_start", "appointments", ["patient_id", "start_time"])
    if op.get_bind().dialect.name == "postgresql":
        # Alembic's create_exclude_constraint cannot take expressions: raw DDL.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        for column in ("doctor_id", "patient_id"):
            op.execute(
                f"ALTER TABLE appointments ADD CONSTRAINT no_overlap_per_{column.split('_')[0]} "
                f"EXCLUDE USING gist ({column} WITH =, "
                "tstzrange(start_time, end_time, '[)') WITH &&) "
                "WHERE (status <> 'cancelled')"
            )


def downgrade() -> None:
    op.drop_table("appointments")
