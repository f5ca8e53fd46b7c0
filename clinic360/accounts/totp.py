"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), pure functions.

Secrets are 160 random bits (RFC 4226 §4 recommends at least 128), shown base32 without
padding as authenticator apps expect. Codes are 6 digits, 30-second steps, HMAC-SHA1 (what
every authenticator app supports).
"""

from __future__ import annotations

import base64
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

DIGITS = 6
STEP_SECONDS = 30
SECRET_BYTES = 20


def new_secret() -> str:
    """A fresh base32 secret (32 characters, no padding)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def hotp(key: bytes, counter: int, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 §5.3: dynamic truncation of HMAC(key, counter)."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_at(unix_seconds: float) -> int:
    """The RFC 6238 time step T = floor(unix time / 30)."""
    return int(unix_seconds // STEP_SECONDS)


def code_at(secret: str, step: int) -> str:
    return hotp(_key(secret), step)


def matching_step(secret: str, code: str, now_step: int, window: int = 1) -> int | None:
    """The step in [now - window, now + window] whose code equals `code`, else None.

    Every candidate is compared in constant time; the latest matching step wins.
    """
    if len(code) != DIGITS or not code.isascii() or not code.isdigit():
        return None
    key = _key(secret)
    found: int | None = None
    for step in range(now_step - window, now_step + window + 1):
        if hmac.compare_digest(hotp(key, step), code):
            found = step
    return found


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The `otpauth://totp/...` URI authenticator apps read from the QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"
