"""Claim links: `<PUBLIC_URL>/claim/<token>` in a waitlist offer's email.

Like manage links (`appointments/links.py`) the token is derived, never stored:
`<offer id>.<mac>`, the base64url HMAC-SHA256 (256 bits) of the offer id and its patient
under a key derived from SECRET_KEY for this purpose alone. The relay derives it when it
renders the offer email (`notifications.rendering.provide_claim_link`), so neither the
outbox nor a table nor a log line holds it. An offer is used once and expires with its
row (`expires_at`); unknown, altered and foreign tokens all fail `parse` alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from flask import current_app

_PURPOSE = b"clinic360/waitlist-claim/v1"
_SHAPE = re.compile(r"^([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$")


def _mac(offer_id: int, patient_id: int) -> str:
    secret: str = current_app.config["SECRET_KEY"]
    key = hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).digest()
    digest = hmac.new(key, f"{offer_id}:{patient_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def claim_token(offer_id: int, patient_id: int) -> str:
    return f"{offer_id}.{_mac(offer_id, patient_id)}"


def claim_url(offer_id: int, patient_id: int) -> str:
    base: str = current_app.config["PUBLIC_URL"]
    return f"{base.rstrip('/')}/claim/{claim_token(offer_id, patient_id)}"


def parse(token: str) -> tuple[int, str] | None:
    """(offer id, mac) of a well-formed token; `genuine` checks the mac against the offer's
    patient once the offer is read."""
    match = _SHAPE.match(token)
    if match is None:
        return None
    return int(match.group(1)), match.group(2)


def genuine(offer_id: int, patient_id: int, mac: str) -> bool:
    return hmac.compare_digest(mac, _mac(offer_id, patient_id))
