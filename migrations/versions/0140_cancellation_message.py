"""a doctor's optional message to the patient when cancelling an appointment (#24 item 12)

Revision ID: 0140_cancellation_message
Revises: 0130_booking_keys
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0140_cancellation_message"
down_revision = "0130_booking_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appointments") as batch:
        batch.add_column(sa.Column("cancellation_message", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("appointments") as batch:
        batch.drop_column("cancellation_message")
