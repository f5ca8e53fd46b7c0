"""waitlist: entries, freed slots and their offers

Revision ID: 0230_waitlist
Revises: 0220_video_rooms
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0230_waitlist"
down_revision = "0220_video_rooms"
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "waitlist_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=True),
        sa.Column("specialization_id", sa.Integer(), nullable=True),
        sa.Column("visit_type_id", sa.Integer(), nullable=True),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("morning", sa.Boolean(), nullable=False),
        sa.Column("afternoon", sa.Boolean(), nullable=False),
        sa.Column("evening", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("closed_at", _utc(), nullable=True),
        sa.CheckConstraint(
            "(doctor_id IS NULL) <> (specialization_id IS NULL)",
            name=op.f("ck_waitlist_entries_doctor_or_specialization"),
        ),
        sa.CheckConstraint(
            "visit_type_id IS NULL OR doctor_id IS NOT NULL",
            name=op.f("ck_waitlist_entries_type_of_doctor"),
        ),
        sa.CheckConstraint("date_to >= date_from", name=op.f("ck_waitlist_entries_date_range")),
        sa.CheckConstraint(
            "morning OR afternoon OR evening", name=op.f("ck_waitlist_entries_some_part_of_day")
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'fulfilled', 'left')",
            name=op.f("ck_waitlist_entries_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_waitlist_entries_patient_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["doctor_id"], ["users.id"], name=op.f("fk_waitlist_entries_doctor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["specialization_id"],
            ["specializations.id"],
            name=op.f("fk_waitlist_entries_specialization_id_specializations"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_type_id"],
            ["visit_types.id"],
            name=op.f("fk_waitlist_entries_visit_type_id_visit_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_entries")),
    )
    op.create_index(
        "ix_waitlist_entries_patient_status", "waitlist_entries", ["patient_id", "status"]
    )
    op.create_index(
        "ix_waitlist_entries_doctor_status", "waitlist_entries", ["doctor_id", "status"]
    )
    op.create_index(
        "ix_waitlist_entries_specialization_status",
        "waitlist_entries",
        ["specialization_id", "status"],
    )
    op.create_table(
        "waitlist_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("visit_type_id", sa.Integer(), nullable=True),
        sa.Column("start_time", _utc(), nullable=False),
        sa.Column("end_time", _utc(), nullable=False),
        sa.Column("cause", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("closed_at", _utc(), nullable=True),
        sa.CheckConstraint("end_time > start_time", name=op.f("ck_waitlist_slots_interval")),
        sa.CheckConstraint(
            "status IN ('open', 'filled', 'closed')", name=op.f("ck_waitlist_slots_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["doctor_id"], ["users.id"], name=op.f("fk_waitlist_slots_doctor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["visit_type_id"],
            ["visit_types.id"],
            name=op.f("fk_waitlist_slots_visit_type_id_visit_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_slots")),
    )
    op.create_index("ix_waitlist_slots_status_start", "waitlist_slots", ["status", "start_time"])
    op.create_table(
        "waitlist_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("offered_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.Column("decided_at", _utc(), nullable=True),
        sa.CheckConstraint(
            "status IN ('offered', 'claimed', 'expired', 'taken')",
            name=op.f("ck_waitlist_offers_status_known"),
        ),
        sa.CheckConstraint(
            "expires_at > offered_at", name=op.f("ck_waitlist_offers_expires_later")
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["waitlist_slots.id"],
            name=op.f("fk_waitlist_offers_slot_id_waitlist_slots"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["waitlist_entries.id"],
            name=op.f("fk_waitlist_offers_entry_id_waitlist_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_waitlist_offers_patient_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_offers")),
        sa.UniqueConstraint(
            "slot_id", "entry_id", name=op.f("uq_waitlist_offers_slot_id_entry_id")
        ),
    )
    op.create_index(
        "ix_waitlist_offers_status_expires", "waitlist_offers", ["status", "expires_at"]
    )
    op.create_index(
        "ix_waitlist_offers_patient_status", "waitlist_offers", ["patient_id", "status"]
    )


def downgrade() -> None:
    op.drop_table("waitlist_offers")
    op.drop_table("waitlist_slots")
    op.drop_table("waitlist_entries")
