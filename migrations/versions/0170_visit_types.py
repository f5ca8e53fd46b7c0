"""visit types (#17): a doctor's types with their booking rules, one default type per
doctor from their slot length; appointments name their type and store the range they
block (the visit widened by its type's buffers); the doctor exclusion constraint covers
that blocked range; doctors' address, languages and bio

Revision ID: 0170_visit_types
Revises: 0160_specializations
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = "0170_visit_types"
down_revision = "0165_manage_links_reminders"
branch_labels = None
depends_on = None

EPOCH = "1970-01-01 00:00:00.000000"


def _checks() -> list[sa.CheckConstraint]:
    rules = {
        "name_length": "length(name) BETWEEN 1 AND 80",
        "description_length": "description IS NULL OR length(description) <= 500",
        "duration_range": "duration_minutes BETWEEN 5 AND 240",
        "grid_range": "slot_grid_minutes BETWEEN 5 AND 240",
        "buffers_range": "buffer_before_minutes BETWEEN 0 AND 60 AND "
        "buffer_after_minutes BETWEEN 0 AND 60",
        "notice_range": "min_notice_minutes BETWEEN 0 AND 43200",
        "horizon_range": "horizon_days BETWEEN 1 AND 730",
        "windows_range": "cancel_notice_hours BETWEEN 0 AND 720 AND "
        "reschedule_notice_hours BETWEEN 0 AND 720",
        "bookable_by_known": "bookable_by IN ('anyone', 'existing_patients', 'staff_only')",
        "channel_known": "channel IN ('in_person', 'video')",
        "colour_hex": "length(colour) = 7 AND substr(colour, 1, 1) = '#' "
        "AND ltrim(substr(colour, 2), '0123456789abcdef') = ''",
        "default_is_active": "active OR NOT is_default",
    }
    return [
        sa.CheckConstraint(rule, name=op.f(f"ck_visit_types_{name}"))
        for name, rule in rules.items()
    ]


def upgrade() -> None:
    op.create_table(
        "visit_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("name_key", sa.String(length=320), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("slot_grid_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_before_minutes", sa.Integer(), nullable=False),
        sa.Column("buffer_after_minutes", sa.Integer(), nullable=False),
        sa.Column("min_notice_minutes", sa.Integer(), nullable=False),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("cancel_notice_hours", sa.Integer(), nullable=False),
        sa.Column("reschedule_notice_hours", sa.Integer(), nullable=False),
        sa.Column("bookable_by", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *_checks(),
        sa.ForeignKeyConstraint(
            ["doctor_id"],
            ["users.id"],
            name=op.f("fk_visit_types_doctor_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_types")),
        sa.UniqueConstraint("id", "doctor_id", name=op.f("uq_visit_types_id_doctor_id")),
    )
    op.create_index("ix_visit_types_doctor_id", "visit_types", ["doctor_id"])
    op.create_index(
        "uq_visit_types_active_name",
        "visit_types",
        ["doctor_id", "name_key"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )
    op.create_index(
        "uq_visit_types_default",
        "visit_types",
        ["doctor_id"],
        unique=True,
        sqlite_where=sa.text("is_default"),
        postgresql_where=sa.text("is_default"),
    )
    # Nullable, no default: SQLite adds them without rebuilding the table.
    op.add_column("users", sa.Column("address", sa.String(length=300), nullable=True))
    op.add_column("users", sa.Column("languages", sa.String(length=100), nullable=True))
    op.add_column("users", sa.Column("bio", sa.String(length=1000), nullable=True))
    _default_types()
    _appointments_upgrade()


def _default_types() -> None:
    """Every doctor gets "Consultation": their slot length, no buffers, no notice, today's
    horizon (BOOKING_HORIZON_DAYS), bookable by anyone, in person."""
    horizon = min(max(int(current_app.config.get("BOOKING_HORIZON_DAYS", 365)), 1), 730)
    op.execute(
        sa.text(
            "INSERT INTO visit_types (doctor_id, name, name_key, description, duration_minutes,"
            " slot_grid_minutes, buffer_before_minutes, buffer_after_minutes,"
            " min_notice_minutes, horizon_days, cancel_notice_hours, reschedule_notice_hours,"
            " bookable_by, channel, colour, is_default, active, created_at, updated_at)"
            " SELECT id, 'Consultation', 'consultation', NULL, coalesce(slot_minutes, 30),"
            " coalesce(slot_minutes, 30), 0, 0, 0, :horizon, 0, 0, 'anyone', 'in_person',"
            " '#2563eb', :yes, :yes, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
            " FROM users WHERE role = 'doctor' ORDER BY id"
        ).bindparams(horizon=horizon, yes=True)
    )


def _appointments_upgrade() -> None:
    bind = op.get_bind()
    # SQLite adds a NOT NULL column without a rebuild only with a default (0120's way);
    # a rebuild would drop and recreate a table other tables reference.
    fk = "fk_appointments_visit_type_id_visit_types"
    if bind.dialect.name == "sqlite":  # Alembic adds a foreign key only by rebuilding
        op.execute(
            "ALTER TABLE appointments ADD COLUMN visit_type_id INTEGER "
            f"CONSTRAINT {fk} REFERENCES visit_types (id)"
        )
    else:
        op.add_column("appointments", sa.Column("visit_type_id", sa.Integer(), nullable=True))
        op.create_foreign_key(fk, "appointments", "visit_types", ["visit_type_id"], ["id"])
    for column in ("blocked_start", "blocked_end"):
        op.add_column(
            "appointments",
            sa.Column(column, sa.DateTime(timezone=True), nullable=False, server_default=EPOCH),
        )
    op.execute(
        "UPDATE appointments SET blocked_start = start_time, blocked_end = end_time,"
        " visit_type_id = (SELECT visit_types.id FROM visit_types"
        " WHERE visit_types.doctor_id = appointments.doctor_id AND visit_types.is_default)"
    )
    op.create_index("ix_appointments_visit_type_id", "appointments", ["visit_type_id"])
    if bind.dialect.name == "postgresql":
        for column in ("blocked_start", "blocked_end"):
            op.alter_column("appointments", column, server_default=None)
        op.execute("ALTER TABLE appointments DROP CONSTRAINT no_overlap_per_doctor")
        op.execute(
            "ALTER TABLE appointments ADD CONSTRAINT no_overlap_per_doctor "
            "EXCLUDE USING gist (doctor_id WITH =, "
            "tstzrange(blocked_start, blocked_end, '[)') WITH &&) "
            "WHERE (status <> 'cancelled')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE appointments DROP CONSTRAINT no_overlap_per_doctor")
        op.execute(
            "ALTER TABLE appointments ADD CONSTRAINT no_overlap_per_doctor "
            "EXCLUDE USING gist (doctor_id WITH =, "
            "tstzrange(start_time, end_time, '[)') WITH &&) "
            "WHERE (status <> 'cancelled')"
        )
    op.drop_index("ix_appointments_visit_type_id", table_name="appointments")
    with op.batch_alter_table("appointments") as batch:
        batch.drop_column("blocked_end")
        batch.drop_column("blocked_start")
        batch.drop_column("visit_type_id")
    for column in ("bio", "languages", "address"):
        op.drop_column("users", column)
    op.drop_table("visit_types")
