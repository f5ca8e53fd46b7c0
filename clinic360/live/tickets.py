"""Tickets for the live-events server: short-lived, signed, naming the topics a user may
hear. The server checks the signature and the age only, so it needs no session store."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

_SALT = "clinic360.live-events.ticket"


@dataclass(frozen=True)
class Ticket:
    user_id: int
    topics: list[str]


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def issue(user_id: int, topics: list[str]) -> str:
    return _serializer(current_app.config["SECRET_KEY"]).dumps({"u": user_id, "t": topics})


def read(token: str, secret_key: str, max_age_seconds: int) -> Ticket | None:
    """The ticket's contents, or None when it is forged, malformed or older than
    `max_age_seconds`."""
    try:
        value = _serializer(secret_key).loads(token, max_age=max_age_seconds)
    except BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    user_id, topics = value.get("u"), value.get("t")
    if not isinstance(user_id, int) or not isinstance(topics, list):
        return None
    if not all(isinstance(topic, str) for topic in topics):
        return None
    return Ticket(user_id, topics)
