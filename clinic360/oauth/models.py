"""OAuth 2.0 tables: registered apps, authorization codes, tokens, and what a user authorized.

Every secret (client secret, code, access and refresh token) is stored only as its SHA-256
digest (`core.tokens.token_digest`): each carries at least 256 random bits, so a fast hash
suffices and the digest is a unique-index lookup. Nothing is deleted: codes are marked used,
tokens and apps revoked, so the trail stays.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clinic360.core.clock import utcnow
from clinic360.core.db import Base, UTCDateTime

GRANT_TYPES = ("authorization_code", "client_credentials", "refresh_token")
AUTH_METHODS = ("client_secret_basic", "client_secret_post", "none")
NAME_MAX_CHARS = 100
SCOPE_MAX_CHARS = 2000
NONCE_MAX_CHARS = 255


class OAuthClient(Base):
    """A registered app. `client_id` is its public name; a confidential app also has a
    secret (digest only); a public app (`none`) proves itself with PKCE alone."""

    __tablename__ = "oauth_clients"
    __table_args__ = (
        CheckConstraint(
            "token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none')",
            name="auth_method_known",
        ),
        CheckConstraint(
            "(token_endpoint_auth_method = 'none') = (secret_digest IS NULL)",
            name="secret_iff_confidential",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_CHARS))
    secret_digest: Mapped[str | None] = mapped_column(String(64))
    token_endpoint_auth_method: Mapped[str] = mapped_column(String(32))
    redirect_uris: Mapped[list[str]] = mapped_column(JSON)
    grant_types: Mapped[list[str]] = mapped_column(JSON)
    scope: Mapped[str] = mapped_column(String(SCOPE_MAX_CHARS))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OAuthAuthorization(Base):
    """A user's consent to one app (one row per user and app, the latest scope). Revoking it
    revokes every token issued under it."""

    __tablename__ = "oauth_authorizations"
    __table_args__ = (UniqueConstraint("user_id", "client_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_clients.id"))
    scope: Mapped[str] = mapped_column(String(SCOPE_MAX_CHARS))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OAuthCode(Base):
    """An authorization code (digest), bound to its app, user, redirect URI and PKCE
    challenge; used once (`used_at`)."""

    __tablename__ = "oauth_codes"
    __table_args__ = (CheckConstraint("code_challenge_method = 'S256'", name="s256_only"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_clients.id"))
    authorization_id: Mapped[int] = mapped_column(ForeignKey("oauth_authorizations.id"))
    redirect_uri: Mapped[str] = mapped_column(String(2000))
    scope: Mapped[str] = mapped_column(String(SCOPE_MAX_CHARS))
    code_challenge: Mapped[str] = mapped_column(String(128))
    code_challenge_method: Mapped[str] = mapped_column(String(8))
    nonce: Mapped[str | None] = mapped_column(String(NONCE_MAX_CHARS))  # OpenID Connect
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OAuthToken(Base):
    """An access token and, for `offline_access`, its refresh token (digests). A refresh
    rotates: the old row is revoked and a new one issued under the same authorization."""

    __tablename__ = "oauth_tokens"
    __table_args__ = (Index("ix_oauth_tokens_authorization_id", "authorization_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    access_digest: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_clients.id"))
    authorization_id: Mapped[int | None] = mapped_column(ForeignKey("oauth_authorizations.id"))
    code_id: Mapped[int | None] = mapped_column(ForeignKey("oauth_codes.id"))
    scope: Mapped[str] = mapped_column(String(SCOPE_MAX_CHARS))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    access_expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    refresh_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
