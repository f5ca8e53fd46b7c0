"""Manage links: `<PUBLIC_URL>/manage/<token>` in the patient's appointment emails.

The token is derived, never stored: `<id>.<sequence>.<mac>`, where mac is the base64url
HMAC-SHA256 (256 bits) of the appointment id and its `sequence` under a key derived from
SECRET_KEY for this purpose alone. The email's payload already holds the appointment id
and the sequence of its event (`emails.payload`), so the relay derives the link when it
renders the email; neither the outbox nor any table holds a token. A link is bound to that
version: any change bumps the sequence and older links only show the current state
(`manage.py`). Unknown, altered and foreign tokens all fail `parse` alike. SECURITY.md
"Manage links" explains the choice.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from flask import current_app

_PURPOSE = b"clinic360/manage-link/v1"
_SHAPE = re.compile(r"^([1-9][0-9]{0,11})\.(0|[1-9][0-9]{0,8})\.([A-Za-z0-9_-]{43})$")


def _key() -> bytes:
    secret: str = current_app.config["SECRET_KEY"]
    return hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).digest()


def _mac(appointment_id: int, sequence: int) -> str:
    digest = hmac.new(_key(), f"{appointment_id}:{sequence}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def manage_token(appointment_id: int, sequence: int) -> str:
    """The link token of this version of the appointment."""
    return f"{appointment_id}.{sequence}.{_mac(appointment_id, sequence)}"


def manage_url(appointment_id: int, sequence: int) -> str:
    base: str = current_app.config["PUBLIC_URL"]
    return f"{base.rstrip('/')}/manage/{manage_token(appointment_id, sequence)}"


def parse(token: str) -> tuple[int, int] | None:
    """(appointment id, sequence) of a genuine token; None for anything else."""
    match = _SHAPE.match(token)
    if match is None:
        return None
    appointment_id, sequence = int(match.group(1)), int(match.group(2))
    if not hmac.compare_digest(match.group(3), _mac(appointment_id, sequence)):
        return None
    return appointment_id, sequence
