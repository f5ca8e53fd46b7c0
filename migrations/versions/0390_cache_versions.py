"""read-cache version counters: one row per doctor (0: the directory as a whole)

Revision ID: 0390_cache_versions
Revises: 0350_fhir
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0390_cache_versions"
down_revision = "0350_fhir"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cache_versions",
        sa.Column("doctor_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("doctor_id"),
    )


def downgrade() -> None:
    op.drop_table("cache_versions")
