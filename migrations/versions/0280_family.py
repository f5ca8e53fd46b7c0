"""family access: dependents (patients without a login) and proxy grants; the access log
names who acted on behalf of the patient

Revision ID: 0280_family
Revises: 0310_oauth
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0280_family"
down_revision = "0310_oauth"
branch_labels = None
depends_on = None

RELATIONSHIPS = ("child", "parent", "spouse", "sibling", "other")


def upgrade() -> None:
    op.create_table(
        "dependents",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("relationship", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("invite_email", sa.String(length=254), nullable=True),
        sa.Column("invite_token_hash", sa.String(length=64), nullable=True),
        sa.Column("invite_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            f"relationship IN ({', '.join(repr(r) for r in RELATIONSHIPS)})",
            name=op.f("ck_dependents_relationship_known"),
        ),
        sa.CheckConstraint(
            "patient_id <> guardian_id", name=op.f("ck_dependents_not_own_guardian")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_dependents_patient_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["users.id"], name=op.f("fk_dependents_guardian_id_users")
        ),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_dependents")),
        sa.UniqueConstraint("invite_token_hash", name=op.f("uq_dependents_invite_token_hash")),
    )
    op.create_index("ix_dependents_guardian_id", "dependents", ["guardian_id"])
    op.create_table(
        "proxy_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("proxy_id", sa.Integer(), nullable=False),
        sa.Column("may_book", sa.Boolean(), nullable=False),
        sa.Column("may_read_records", sa.Boolean(), nullable=False),
        sa.Column("may_message", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "may_book OR may_read_records OR may_message",
            name=op.f("ck_proxy_grants_some_capability"),
        ),
        sa.CheckConstraint("patient_id <> proxy_id", name=op.f("ck_proxy_grants_not_self")),
        sa.CheckConstraint(
            "revoked_by IS NULL OR revoked_at IS NOT NULL",
            name=op.f("ck_proxy_grants_revoked_by_needs_at"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_proxy_grants_patient_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["proxy_id"], ["users.id"], name=op.f("fk_proxy_grants_proxy_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["users.id"], name=op.f("fk_proxy_grants_revoked_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proxy_grants")),
    )
    op.create_index("ix_proxy_grants_proxy_id", "proxy_grants", ["proxy_id"])
    # One open (not revoked) grant per patient and proxy.
    op.create_index(
        "uq_proxy_grants_open",
        "proxy_grants",
        ["patient_id", "proxy_id"],
        unique=True,
        sqlite_where=sa.text("revoked_at IS NULL"),
        postgresql_where=sa.text("revoked_at IS NULL"),
    )
    # The access log's "X on behalf of Y": the patient a guardian or proxy acted for
    # (a plain integer like record_id: the log outlives anything).
    op.add_column("access_log", sa.Column("on_behalf_of_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("access_log", "on_behalf_of_id")
    op.drop_index("uq_proxy_grants_open", table_name="proxy_grants")
    op.drop_index("ix_proxy_grants_proxy_id", table_name="proxy_grants")
    op.drop_table("proxy_grants")
    op.drop_index("ix_dependents_guardian_id", table_name="dependents")
    op.drop_table("dependents")
