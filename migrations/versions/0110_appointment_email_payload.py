"""appointment emails carry their payload: add doctorId to emails still to be sent

Appointment emails queued before this revision named only the appointment; the relay now
renders them from their payload (`appointments/emails.py`). Pending and sending rows get
the doctor, and the appointment's current times and sequence where the row had none.

Revision ID: 0110_appointment_email_payload
Revises: 0100_calendar_feeds
Create Date: 2026-12-07
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0110_appointment_email_payload"
down_revision = "0100_calendar_feeds"
branch_labels = None
depends_on = None

outbox = sa.table(
    "email_outbox",
    sa.column("id", sa.Integer),
    sa.column("appointment_id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("params", sa.JSON),
)
appointments = sa.table(
    "appointments",
    sa.column("id", sa.Integer),
    sa.column("doctor_id", sa.Integer),
    sa.column("start_time", sa.DateTime(timezone=True)),
    sa.column("end_time", sa.DateTime(timezone=True)),
    sa.column("sequence", sa.Integer),
)


def _iso(moment: datetime) -> str:
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat()


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(
            outbox.c.id,
            outbox.c.params,
            appointments.c.doctor_id,
            appointments.c.start_time,
            appointments.c.end_time,
            appointments.c.sequence,
        )
        .join(appointments, appointments.c.id == outbox.c.appointment_id)
        .where(outbox.c.status.in_(("pending", "sending")))
    ).all()
    for row in rows:
        current = {
            "start": _iso(row.start_time),
            "end": _iso(row.end_time),
            "sequence": str(row.sequence),
        }
        params = {**current, **(row.params or {}), "doctorId": str(row.doctor_id)}
        conn.execute(outbox.update().where(outbox.c.id == row.id).values(params=params))


def downgrade() -> None:
    pass  # the extra key is harmless to older code
