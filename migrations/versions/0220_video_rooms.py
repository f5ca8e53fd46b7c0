"""video rooms: each appointment of a video visit type gets its own room id

Revision ID: 0220_video_rooms
Revises: 0210_closures
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0220_video_rooms"
down_revision = "0210_closures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Native ADD COLUMN on both databases (no batch rebuild of `appointments` on SQLite).
    op.add_column("appointments", sa.Column("video_room", sa.String(length=64), nullable=True))
    op.create_index("uq_appointments_video_room", "appointments", ["video_room"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_appointments_video_room", table_name="appointments")
    op.drop_column("appointments", "video_room")
