"""security review (#23): reset links bound to the credentials they were sent for

Revision ID: 0110_security_review
Revises: 0100_calendar_feeds
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0110_security_review"
down_revision = "0100_calendar_feeds"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Links sent before this release bind to nothing and stop working (they live 1 hour).
    op.execute("DELETE FROM password_reset_tokens WHERE used_at IS NULL")
    with op.batch_alter_table("password_reset_tokens") as batch:
        batch.add_column(
            sa.Column("session_epoch", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("email_digest", sa.String(length=64), nullable=False, server_default="")
        )
    with op.batch_alter_table("password_reset_tokens") as batch:
        batch.alter_column("session_epoch", server_default=None)
        batch.alter_column("email_digest", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("password_reset_tokens") as batch:
        batch.drop_column("email_digest")
        batch.drop_column("session_epoch")
