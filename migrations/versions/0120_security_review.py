"""security review (#23): reset links bound to the credentials they were sent for; a
case-folded email key computed in Python, unique on both databases

Revision ID: 0120_security_review
Revises: 0110_appointment_email_payload
Create Date: 2026-12-07
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0120_security_review"
down_revision = "0110_appointment_email_payload"
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

    _email_key_upgrade()


def _email_key(email: str) -> str:  # = clinic360.accounts.models.email_key, frozen here
    return unicodedata.normalize("NFKC", email).casefold()


def _email_key_upgrade() -> None:
    # NOT NULL with a default, so SQLite needs no table rebuild (which would lose the
    # expression index on lower(username)); PostgreSQL drops the default afterwards.
    op.add_column(
        "users",
        sa.Column("email_key", sa.String(length=1024), nullable=False, server_default=""),
    )
    bind = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("email", sa.String))
    keys: dict[str, int] = {}
    for user_id, email in bind.execute(sa.select(users.c.id, users.c.email)).all():
        key = _email_key(email)
        if key in keys:
            raise RuntimeError(
                f"users {keys[key]} and {user_id} have the same email ignoring case; "
                "change one of them, then migrate again"
            )
        keys[key] = user_id
        bind.execute(
            sa.text("UPDATE users SET email_key = :k WHERE id = :i"), {"k": key, "i": user_id}
        )
    if bind.dialect.name != "sqlite":
        op.alter_column("users", "email_key", server_default=None)
    # On SQLite the lower() indexes of 0001 did not survive the table rebuilds of 0011 and
    # 0090 (expression indexes cannot be reflected): (re)create the username one here.
    op.execute("DROP INDEX IF EXISTS uq_users_email_lower")
    op.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS uq_users_username_lower ON users (lower(username))"
    )
    op.create_index("uq_users_email_key", "users", ["email_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_users_email_key", table_name="users")
    op.create_index("uq_users_email_lower", "users", [sa.text("lower(email)")], unique=True)
    op.drop_column("users", "email_key")
    with op.batch_alter_table("password_reset_tokens") as batch:
        batch.drop_column("email_digest")
        batch.drop_column("session_epoch")
