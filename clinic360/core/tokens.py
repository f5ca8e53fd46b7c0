"""Secret tokens handed to users (reset links, recovery codes, calendar links).

Only a digest of a token is stored. The tokens carry at least 80 random bits, so a fast
hash suffices: nobody can search that space, and the digest is a unique-index lookup.
"""

from __future__ import annotations

import hashlib


def token_digest(token: str) -> str:
    """SHA-256 hex digest of a token, as stored in the database."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
