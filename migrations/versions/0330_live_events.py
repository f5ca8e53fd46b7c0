"""live events: "something changed" hints for open screens, kept for reconnecting clients

Revision ID: 0330_live_events
Revises: 0250_documents
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0330_live_events"
down_revision = "0250_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_events")),
        sqlite_autoincrement=True,  # ids never reused after a prune: clients resume by id
    )
    op.create_index(op.f("ix_live_events_topic"), "live_events", ["topic"])
    op.create_index(op.f("ix_live_events_created_at"), "live_events", ["created_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_live_events_created_at"), table_name="live_events")
    op.drop_index(op.f("ix_live_events_topic"), table_name="live_events")
    op.drop_table("live_events")
