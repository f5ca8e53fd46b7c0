"""OAuth 2.0 / SMART on FHIR: registered apps, consents, codes and tokens (digests only)

Revision ID: 0310_oauth
Revises: 0300_front_desk
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0310_oauth"
down_revision = "0300_front_desk"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "oauth_clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("secret_digest", sa.String(64), nullable=True),
        sa.Column("token_endpoint_auth_method", sa.String(32), nullable=False),
        sa.Column("redirect_uris", sa.JSON(), nullable=False),
        sa.Column("grant_types", sa.JSON(), nullable=False),
        sa.Column("scope", sa.String(2000), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey("users.id", name="fk_oauth_clients_created_by_users"),
            nullable=True,
        ),
        _when("created_at", nullable=False),
        _when("revoked_at"),
        sa.PrimaryKeyConstraint("id", name="pk_oauth_clients"),
        sa.UniqueConstraint("client_id", name="uq_oauth_clients_client_id"),
        sa.CheckConstraint(
            "token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none')",
            name="ck_oauth_clients_auth_method_known",
        ),
        sa.CheckConstraint(
            "(token_endpoint_auth_method = 'none') = (secret_digest IS NULL)",
            name="ck_oauth_clients_secret_iff_confidential",
        ),
    )
    op.create_table(
        "oauth_authorizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", name="fk_oauth_authorizations_user_id_users"),
            nullable=False,
        ),
        sa.Column(
            "client_id",
            sa.Integer(),
            sa.ForeignKey(
                "oauth_clients.id", name="fk_oauth_authorizations_client_id_oauth_clients"
            ),
            nullable=False,
        ),
        sa.Column("scope", sa.String(2000), nullable=False),
        _when("granted_at", nullable=False),
        _when("revoked_at"),
        sa.PrimaryKeyConstraint("id", name="pk_oauth_authorizations"),
        sa.UniqueConstraint(
            "user_id", "client_id", name="uq_oauth_authorizations_user_id_client_id"
        ),
    )
    op.create_table(
        "oauth_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_digest", sa.String(64), nullable=False),
        sa.Column(
            "client_id",
            sa.Integer(),
            sa.ForeignKey("oauth_clients.id", name="fk_oauth_codes_client_id_oauth_clients"),
            nullable=False,
        ),
        sa.Column(
            "authorization_id",
            sa.Integer(),
            sa.ForeignKey(
                "oauth_authorizations.id",
                name="fk_oauth_codes_authorization_id_oauth_authorizations",
            ),
            nullable=False,
        ),
        sa.Column("redirect_uri", sa.String(2000), nullable=False),
        sa.Column("scope", sa.String(2000), nullable=False),
        sa.Column("code_challenge", sa.String(128), nullable=False),
        sa.Column("code_challenge_method", sa.String(8), nullable=False),
        _when("expires_at", nullable=False),
        _when("used_at"),
        sa.PrimaryKeyConstraint("id", name="pk_oauth_codes"),
        sa.UniqueConstraint("code_digest", name="uq_oauth_codes_code_digest"),
        sa.CheckConstraint("code_challenge_method = 'S256'", name="ck_oauth_codes_s256_only"),
    )
    op.create_table(
        "oauth_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("access_digest", sa.String(64), nullable=False),
        sa.Column("refresh_digest", sa.String(64), nullable=True),
        sa.Column(
            "client_id",
            sa.Integer(),
            sa.ForeignKey("oauth_clients.id", name="fk_oauth_tokens_client_id_oauth_clients"),
            nullable=False,
        ),
        sa.Column(
            "authorization_id",
            sa.Integer(),
            sa.ForeignKey(
                "oauth_authorizations.id",
                name="fk_oauth_tokens_authorization_id_oauth_authorizations",
            ),
            nullable=True,
        ),
        sa.Column(
            "code_id",
            sa.Integer(),
            sa.ForeignKey("oauth_codes.id", name="fk_oauth_tokens_code_id_oauth_codes"),
            nullable=True,
        ),
        sa.Column("scope", sa.String(2000), nullable=False),
        _when("issued_at", nullable=False),
        _when("access_expires_at", nullable=False),
        _when("refresh_expires_at"),
        _when("revoked_at"),
        sa.PrimaryKeyConstraint("id", name="pk_oauth_tokens"),
        sa.UniqueConstraint("access_digest", name="uq_oauth_tokens_access_digest"),
        sa.UniqueConstraint("refresh_digest", name="uq_oauth_tokens_refresh_digest"),
    )
    op.create_index("ix_oauth_tokens_authorization_id", "oauth_tokens", ["authorization_id"])


def downgrade() -> None:
    op.drop_index("ix_oauth_tokens_authorization_id", table_name="oauth_tokens")
    op.drop_table("oauth_tokens")
    op.drop_table("oauth_codes")
    op.drop_table("oauth_authorizations")
    op.drop_table("oauth_clients")
