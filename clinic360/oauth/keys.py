"""The key that signs OpenID Connect id_tokens (RS256), and its public half as a JWKS.

The private key is a PEM file: OAUTH_JWT_PRIVATE_KEY_FILE when set (an operator's key,
e.g. from a secret store), else `<instance>/oauth_jwt_key.pem`, generated on first use
(RSA 2048) with mode 0600 and hard-linked into place so that processes starting together
all end up with the same key. Its `kid` is the RFC 7638 thumbprint, so a rotated key is told
apart by apps caching the JWKS. The private key never leaves this module's callers.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from joserfc.jwk import RSAKey

EXTENSION = "clinic360_oauth_jwt_key"
KEY_FILE = "oauth_jwt_key.pem"
ALGORITHM = "RS256"
RSA_BITS = 2048


def key_path(app: Flask) -> Path:
    configured = str(app.config.get("OAUTH_JWT_PRIVATE_KEY_FILE") or "").strip()
    return Path(configured) if configured else Path(app.instance_path) / KEY_FILE


def _create(path: Path) -> None:
    """Write a new private key to `path` (0600) unless another process got there first."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    candidate = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(RSAKey.generate_key(RSA_BITS, private=True).as_pem(private=True))
    try:
        os.link(candidate, path)
    except FileExistsError:
        pass
    finally:
        candidate.unlink()


def load(app: Flask) -> RSAKey:
    """The signing key (read once per process; generated when the default file is missing).
    A configured file that is missing or not an RSA private key stops the app (ValueError)."""
    found = app.extensions.get(EXTENSION)
    if found is not None:
        key: RSAKey = found
        return key
    path = key_path(app)
    if not path.exists():
        if app.config.get("OAUTH_JWT_PRIVATE_KEY_FILE"):
            raise ValueError(f"OAUTH_JWT_PRIVATE_KEY_FILE: no such file {path}")
        _create(path)
    key = RSAKey.import_key(path.read_bytes())
    if not key.is_private:
        raise ValueError(f"{path} holds no RSA private key")
    key.ensure_kid()
    app.extensions[EXTENSION] = key
    return key


def signing_key() -> RSAKey:
    return load(current_app)


def jwks() -> dict[str, Any]:
    """The public key set apps verify id_tokens with (`/oauth2/jwks`)."""
    key = signing_key()
    public = key.as_dict(private=False)
    return {"keys": [{**public, "kid": key.kid, "use": "sig", "alg": ALGORITHM}]}
