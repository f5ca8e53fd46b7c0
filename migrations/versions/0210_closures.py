"""clinic closures: dates the whole clinic is closed (public holidays), issue #17

Revision ID: 0210_closures
Revises: 0200_series
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0210_closures"
down_revision = "0200_series"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clinic_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "length(name) BETWEEN 1 AND 120", name=op.f("ck_clinic_closures_name_length")
        ),
        sa.CheckConstraint(
            "source IN ('manual', 'imported')", name=op.f("ck_clinic_closures_source_known")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_clinic_closures_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinic_closures")),
        sa.UniqueConstraint("date", name=op.f("uq_clinic_closures_date")),
    )


def downgrade() -> None:
    op.drop_table("clinic_closures")
