"""message attachments (a message's file is a document of the patient's record) and the
administrators' account actions (suspend, reactivate, two-factor reset): both append-only

Revision ID: 0290_msg_attachments_admin
Revises: 0280_family
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0290_msg_attachments_admin"
down_revision = "0280_family"
branch_labels = None
depends_on = None

ACTIONS = ("suspend", "reactivate", "mfa_reset")
TABLES = ("message_attachments", "admin_actions")


def upgrade() -> None:
    op.create_table(
        "message_attachments",
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_message_attachments_message_id_messages")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_message_attachments_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_message_attachments")),
        sa.UniqueConstraint("document_id", name=op.f("uq_message_attachments_document_id")),
    )
    op.create_table(
        "admin_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("admin_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "action IN ('suspend', 'reactivate', 'mfa_reset')",
            name=op.f("ck_admin_actions_action_known"),
        ),
        sa.ForeignKeyConstraint(
            ["admin_id"], ["users.id"], name=op.f("fk_admin_actions_admin_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_admin_actions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_actions")),
    )
    op.create_index("ix_admin_actions_user_at", "admin_actions", ["user_id", "at"])
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        if postgres:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION clinic360_refuse()"
            )
            continue
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )


def downgrade() -> None:
    op.drop_index("ix_admin_actions_user_at", table_name="admin_actions")
    op.drop_table("admin_actions")
    op.drop_table("message_attachments")
