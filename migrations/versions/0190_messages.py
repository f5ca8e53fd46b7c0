"""messages between patients and doctors: threads, messages (never deleted), blocks, and
the doctor's message choices

Revision ID: 0170_messages
Revises: 0150_schedule_date_ranges
Create Date: 2026-12-09
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0190_messages"
down_revision = "0180_chart_lists"
branch_labels = None
depends_on = None

_THREAD_FIXED = (
    "NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id "
    "OR NEW.doctor_id IS NOT OLD.doctor_id OR NEW.subject IS NOT OLD.subject "
    "OR NEW.created_at IS NOT OLD.created_at"
)
_MESSAGE_FIXED = (
    "NEW.id IS NOT OLD.id OR NEW.thread_id IS NOT OLD.thread_id "
    "OR NEW.sender_id IS NOT OLD.sender_id OR NEW.body IS NOT OLD.body "
    "OR NEW.created_at IS NOT OLD.created_at "
    "OR (OLD.read_at IS NOT NULL AND NEW.read_at IS NOT OLD.read_at) "
    "OR (OLD.retracted_at IS NOT NULL AND NEW.retracted_at IS NOT OLD.retracted_at)"
)
# Threads and messages are never deleted; a thread changes only its status and times, a
# message only gets `read_at` or `retracted_at` set, once.
_SQLITE_TRIGGERS = [
    ("message_threads_no_delete", "BEFORE DELETE ON message_threads", None),
    ("message_threads_fixed", "BEFORE UPDATE ON message_threads", _THREAD_FIXED),
    ("messages_no_delete", "BEFORE DELETE ON messages", None),
    ("messages_only_marks", "BEFORE UPDATE ON messages", _MESSAGE_FIXED),
]


def _pg(condition: str) -> str:
    """The SQLite condition in PostgreSQL's words (`a IS NOT b` → `a IS DISTINCT FROM b`)."""
    return re.sub(r" IS NOT (?!NULL\b)", " IS DISTINCT FROM ", condition)


_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION clinic360_message_thread_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF {_pg(_THREAD_FIXED)} THEN
    RAISE EXCEPTION 'a message thread only changes its status'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION clinic360_message_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_pg(_MESSAGE_FIXED)} THEN
    RAISE EXCEPTION 'a message is only marked read or retracted, once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER message_threads_no_delete BEFORE DELETE ON message_threads
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER message_threads_fixed BEFORE UPDATE ON message_threads
  FOR EACH ROW EXECUTE FUNCTION clinic360_message_thread_guard();
CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER messages_only_marks BEFORE UPDATE ON messages
  FOR EACH ROW EXECUTE FUNCTION clinic360_message_guard();
"""


def upgrade() -> None:
    # Plain ADD COLUMN on both databases (a literal default: on SQLite an expression default
    # would make alembic rebuild `users`, which the foreign keys to it refuse once rows exist).
    for column in ("accepts_messages", "message_digest"):
        op.add_column("users", sa.Column(column, sa.Boolean(), nullable=False, server_default="0"))
    op.create_table(
        "message_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'closed')", name=op.f("ck_message_threads_status_known")
        ),
        sa.CheckConstraint("patient_id <> doctor_id", name=op.f("ck_message_threads_two_people")),
        sa.ForeignKeyConstraint(
            ["doctor_id"], ["users.id"], name=op.f("fk_message_threads_doctor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_message_threads_patient_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_threads")),
    )
    op.create_index(
        "ix_message_threads_patient_last", "message_threads", ["patient_id", "last_message_at"]
    )
    op.create_index(
        "ix_message_threads_doctor_last", "message_threads", ["doctor_id", "last_message_at"]
    )
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("length(body) > 0", name=op.f("ck_messages_body_not_empty")),
        sa.CheckConstraint(
            "read_at IS NULL OR retracted_at IS NULL", name=op.f("ck_messages_read_or_retracted")
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["users.id"], name=op.f("fk_messages_sender_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["message_threads.id"],
            name=op.f("fk_messages_thread_id_message_threads"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    op.create_index("ix_messages_thread_created", "messages", ["thread_id", "created_at"])
    op.create_table(
        "message_blocks",
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["doctor_id"], ["users.id"], name=op.f("fk_message_blocks_doctor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_message_blocks_patient_id_users")
        ),
        sa.PrimaryKeyConstraint("doctor_id", "patient_id", name=op.f("pk_message_blocks")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTIONS)
    else:
        for name, when, condition in _SQLITE_TRIGGERS:
            guard = f" WHEN {condition}" if condition else ""
            op.execute(
                f"CREATE TRIGGER {name} {when} FOR EACH ROW{guard} "
                f"BEGIN SELECT RAISE(ABORT, '{name}: refused'); END"
            )


def downgrade() -> None:
    op.drop_table("message_blocks")
    op.drop_table("messages")
    op.drop_table("message_threads")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS clinic360_message_thread_guard() CASCADE")
        op.execute("DROP FUNCTION IF EXISTS clinic360_message_guard() CASCADE")
    for column in ("message_digest", "accepts_messages"):  # native DROP COLUMN (SQLite ≥ 3.35)
        op.execute(f"ALTER TABLE users DROP COLUMN {column}")
