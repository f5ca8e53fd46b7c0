"""Calendar subscription links: the iCalendar feed without a session (API.md "Calendar feed").

A calendar app (Google, Apple, Thunderbird) cannot log in, so each user may hold one secret
link, `<PUBLIC_URL>/api/calendar/<token>.ics`. The token is 256 bits from `secrets`; only its
SHA-256 is stored. Creating a link again replaces the old one; revoking clears it. A link
works only while the user's session epoch is the one it was made in, so anything that ends
every session of the user (password change or reset, suspension, two-factor enrolment)
revokes it too. Unknown, revoked and suspended users' links look the same: NotFound.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from clinic360.accounts.models import User
from clinic360.appointments.models import CalendarFeed
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.core.ratelimit import check
from clinic360.core.tokens import token_digest

log = logging.getLogger("clinic360.appointments")

TOKEN_BYTES = 32  # 256 bits
HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class FeedLink:
    url: str
    created_at: datetime


def feed_url(token: str) -> str:
    base: str = current_app.config["PUBLIC_URL"]
    return f"{base.rstrip('/')}/api/calendar/{token}.ics"


def issue(user: User) -> FeedLink:
    """Create the user's subscription link, or replace the one they had (which stops working).

    Returns the link; it is not stored and cannot be shown again.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    with transaction() as session:
        # The user row lock serialises concurrent rotations of one user on PostgreSQL.
        fresh = session.get(User, user.id, populate_existing=True, with_for_update=True)
        if fresh is None:
            raise NotFound()
        feed = session.get(CalendarFeed, user.id, populate_existing=True)
        if feed is None:
            feed = CalendarFeed(user_id=user.id)
            session.add(feed)
        feed.token_hash = token_digest(token)
        feed.session_epoch = fresh.session_epoch
        feed.created_at = now
    log.info("calendar link issued", extra={"user_id": user.id})
    return FeedLink(url=feed_url(token), created_at=now)


def revoke(user: User) -> None:
    """Turn the user's subscription link off (nothing happens when there is none)."""
    with transaction() as session:
        session.execute(
            update(CalendarFeed).where(CalendarFeed.user_id == user.id).values(token_hash=None)
        )
    log.info("calendar link revoked", extra={"user_id": user.id})


def active_since(user: User) -> datetime | None:
    """When the user's working subscription link was made; None when there is none."""
    with transaction(write=False) as session:
        created: datetime | None = session.scalar(
            select(CalendarFeed.created_at).where(
                CalendarFeed.user_id == user.id,
                CalendarFeed.token_hash.is_not(None),
                CalendarFeed.session_epoch == user.session_epoch,
            )
        )
    return created


def owner_of(token: str, address: str) -> User:
    """The user whose link holds `token`.

    Raises RateLimited (CALENDAR_FEED_REQUESTS_PER_ADDRESS_HOUR, counted before the lookup,
    known token or not) and NotFound (unknown or revoked token, ended epoch, suspended user,
    a user who must enrol in two-factor sign-in first), all with the same body.
    """
    limit: int = current_app.config["CALENDAR_FEED_REQUESTS_PER_ADDRESS_HOUR"]
    check("calendar-feed-address", address, limit=limit, window=HOUR)
    with transaction(write=False) as session:
        user = session.scalar(
            select(User)
            .join(CalendarFeed, CalendarFeed.user_id == User.id)
            .where(
                CalendarFeed.token_hash == token_digest(token),
                CalendarFeed.session_epoch == User.session_epoch,
                User.suspended_at.is_(None),
            )
        )
    if user is None or (user.mfa_required and not user.mfa_enabled):
        raise NotFound()
    return user
