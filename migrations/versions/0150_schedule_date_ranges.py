"""a dated schedule entry covers a range of dates (time off for a week: one entry; #24 item 11)

Revision ID: 0150_schedule_date_ranges
Revises: 0140_cancellation_message
Create Date: 2026-12-08
"""

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "0150_schedule_date_ranges"
down_revision = "0140_cancellation_message"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("schedule_entries") as batch:
        batch.add_column(sa.Column("end_date", sa.Date(), nullable=True))
    op.execute("UPDATE schedule_entries SET end_date = date WHERE date IS NOT NULL")
    with op.batch_alter_table("schedule_entries") as batch:
        batch.create_check_constraint(
            op.f("ck_schedule_entries_dated_range_valid"),
            "(date IS NULL AND end_date IS NULL) OR "
            "(date IS NOT NULL AND end_date IS NOT NULL AND end_date >= date)",
        )


def downgrade() -> None:
    # A range becomes one entry per date, as the schema before it had to hold it.
    conn = op.get_bind()
    entries = sa.table(
        "schedule_entries",
        sa.column("doctor_id", sa.Integer()),
        sa.column("date", sa.Date()),
        sa.column("end_date", sa.Date()),
        sa.column("start_minute", sa.Integer()),
        sa.column("end_minute", sa.Integer()),
        sa.column("is_available", sa.Boolean()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    ranges = conn.execute(sa.select(entries).where(entries.c.end_date > entries.c.date)).all()
    copies = []
    for row in ranges:
        day = row.date + timedelta(days=1)
        while day <= row.end_date:
            copies.append({**row._asdict(), "date": day, "end_date": day})
            day += timedelta(days=1)
    if copies:
        conn.execute(entries.insert(), copies)
    with op.batch_alter_table("schedule_entries") as batch:
        batch.drop_constraint(op.f("ck_schedule_entries_dated_range_valid"), type_="check")
        batch.drop_column("end_date")
