"""recurring series (#17): a doctor books every N weeks for a patient; each occurrence is
an appointment naming its series

Revision ID: 0200_series
Revises: 0190_messages
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0200_series"
down_revision = "0190_messages"
branch_labels = None
depends_on = None

FK = "fk_appointments_series_id_appointment_series"


def upgrade() -> None:
    op.create_table(
        "appointment_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("visit_type_id", sa.Integer(), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "every_weeks BETWEEN 1 AND 52", name=op.f("ck_appointment_series_every_weeks_range")
        ),
        sa.ForeignKeyConstraint(
            ["doctor_id"], ["users.id"], name=op.f("fk_appointment_series_doctor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_appointment_series_patient_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["visit_type_id"],
            ["visit_types.id"],
            name=op.f("fk_appointment_series_visit_type_id_visit_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_series")),
    )
    op.create_index("ix_appointment_series_doctor", "appointment_series", ["doctor_id"])
    op.create_index("ix_appointment_series_patient", "appointment_series", ["patient_id"])
    # Native ADD COLUMN on SQLite: a batch rebuild of `appointments` is refused by the
    # foreign keys to it once rows exist (Alembic adds a foreign key only by rebuilding).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE appointments ADD COLUMN series_id INTEGER "
            f"CONSTRAINT {FK} REFERENCES appointment_series (id)"
        )
    else:
        op.add_column("appointments", sa.Column("series_id", sa.Integer(), nullable=True))
        op.create_foreign_key(FK, "appointments", "appointment_series", ["series_id"], ["id"])
    op.create_index("ix_appointments_series_id", "appointments", ["series_id"])


def downgrade() -> None:
    op.drop_index("ix_appointments_series_id", table_name="appointments")
    if op.get_bind().dialect.name == "sqlite":
        # Native DROP COLUMN (SQLite ≥ 3.35; the column's own REFERENCES goes with it): a
        # batch rebuild of `appointments` is refused once other tables reference its rows.
        op.execute("ALTER TABLE appointments DROP COLUMN series_id")
    else:
        op.drop_constraint(FK, "appointments", type_="foreignkey")
        op.drop_column("appointments", "series_id")
    op.drop_index("ix_appointment_series_patient", table_name="appointment_series")
    op.drop_index("ix_appointment_series_doctor", table_name="appointment_series")
    op.drop_table("appointment_series")
