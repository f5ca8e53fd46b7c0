"""OpenID Connect for SMART apps: the `nonce` of an authorization request, kept with its code
until the id_token carries it

Revision ID: 0360_smart
Revises: 0260_intake
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0360_smart"
down_revision = "0260_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("oauth_codes") as batch:
        batch.add_column(sa.Column("nonce", sa.String(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("oauth_codes") as batch:
        batch.drop_column("nonce")
