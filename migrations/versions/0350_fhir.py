"""fhir: the access log names the SMART app through which a `/fhir/R4` access happened

Revision ID: 0350_fhir
Revises: 0360_smart
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0350_fhir"
down_revision = "0360_smart"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("access_log", sa.Column("app", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("access_log") as batch:
        batch.drop_column("app")
