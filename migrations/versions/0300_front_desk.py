"""Front desk and clinic manager (#21): the receptionist and manager roles, a patient's date
of birth and searchable name, account invitations, and the `arrived` appointment status

Revision ID: 0300_front_desk
Revises: 0330_live_events
Create Date: 2026-12-07

Two CHECKs widen: `users.role` and `appointments.status`. As in 0240, SQLite's CHECK text is
edited in the schema (its documented procedure for changes that leave the stored rows
valid), PostgreSQL drops and re-adds the constraint. `name_key` (the case-folded name the
search matches by prefix) is filled in Python, like `email_key`, so both databases agree.
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0300_front_desk"
down_revision = "0330_live_events"
branch_labels = None
depends_on = None

_ROLES_OLD = "'patient', 'doctor', 'admin'"
_ROLES_NEW = _ROLES_OLD + ", 'receptionist', 'manager'"
_STATUS_OLD = "'scheduled', 'confirmed', 'completed', 'cancelled', 'no_show', 'requested'"
_STATUS_NEW = _STATUS_OLD + ", 'arrived'"


def _widen_check(table: str, column: str, check: str, old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {check}")
        op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {check} CHECK ({column} IN ({new}))")
        return
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    # Keep the spacing of the stored text: alembic writes "status IN (…)" on one line.
    if f"({old})" not in sql:
        raise RuntimeError(f"{table}: the {column} CHECK is not the expected one")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
        (sql.replace(f"({old})", f"({new})"), table),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _name_key(full_name: str) -> str:
    return unicodedata.normalize("NFKC", " ".join(full_name.split())).casefold()


def upgrade() -> None:
    _widen_check("users", "role", "ck_users_role_known", _ROLES_OLD, _ROLES_NEW)
    _widen_check("appointments", "status", "ck_appointments_status_known", _STATUS_OLD, _STATUS_NEW)
    op.add_column("users", sa.Column("name_key", sa.String(length=400)))
    op.add_column("users", sa.Column("date_of_birth", sa.Date()))
    bind = op.get_bind()
    users = sa.table(
        "users", sa.column("id", sa.Integer), sa.column("full_name"), sa.column("name_key")
    )
    rows = bind.execute(sa.select(users.c.id, users.c.full_name)).all()
    for start in range(0, len(rows), 1000):
        bind.execute(
            users.update()
            .where(users.c.id == sa.bindparam("uid"))
            .values(name_key=sa.bindparam("key")),
            [{"uid": r.id, "key": _name_key(r.full_name)} for r in rows[start : start + 1000]],
        )
    op.create_index("ix_users_role_name_key", "users", ["role", "name_key"])
    op.create_index("ix_users_date_of_birth", "users", ["date_of_birth"])
    op.create_index("ix_users_mobile_phone", "users", ["mobile_phone"])
    op.create_table(
        "account_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_account_invitations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_account_invitations_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_invitations")),
    )
    op.create_index(
        op.f("ix_account_invitations_user_id"), "account_invitations", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_account_invitations_user_id"), table_name="account_invitations")
    op.drop_table("account_invitations")
    op.drop_index("ix_users_mobile_phone", table_name="users")
    op.drop_index("ix_users_date_of_birth", table_name="users")
    op.drop_index("ix_users_role_name_key", table_name="users")
    op.drop_column("users", "date_of_birth")
    op.drop_column("users", "name_key")
    # The previous release knows neither staff nor check-ins: staff accounts become
    # suspended patients (rows other tables name cannot be deleted), check-ins confirmations.
    op.execute(
        "UPDATE users SET role = 'patient', suspended_at = CURRENT_TIMESTAMP, "
        "session_epoch = session_epoch + 1 WHERE role IN ('receptionist', 'manager')"
    )
    op.execute("UPDATE appointments SET status = 'confirmed' WHERE status = 'arrived'")
    _widen_check("appointments", "status", "ck_appointments_status_known", _STATUS_NEW, _STATUS_OLD)
    _widen_check("users", "role", "ck_users_role_known", _ROLES_NEW, _ROLES_OLD)
