"""Where document files live: one interface, two places.

`put(session, data) -> key` and `get(session, key) -> bytes`. Keys are the SHA-256 of the
bytes (content-addressed: never the user's file name, and the same file stored twice is
kept once).

- `FileStore`: files under `instance/documents/<2 hex>/<64 hex>` (the embedded set-up). The
  file is written (to a temporary name, then renamed) before the caller inserts its row, so a
  row never names a missing file; a rollback can leave an orphan file, never a dangling row.
- `DatabaseStore`: the `document_blobs` table, in the caller's transaction (PostgreSQL when
  scaled out: every machine sees the same files).

`DOCUMENT_STORAGE` picks one (`auto`: files on SQLite, the database on PostgreSQL).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Protocol

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from clinic360.core.clock import utcnow
from clinic360.core.errors import ServiceUnavailable
from clinic360.records.documents_models import DocumentBlob


class Store(Protocol):
    def put(self, session: Session, data: bytes) -> str: ...

    def get(self, session: Session, key: str) -> bytes: ...


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError("not a storage key")
        return self.root / key[:2] / key

    def put(self, session: Session, data: bytes) -> str:
        key = content_key(data)
        path = self._path(key)
        if path.exists():
            return key
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_name(f".{key}.{os.getpid()}.{os.urandom(4).hex()}")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
        return key

    def get(self, session: Session, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except OSError:
            raise ServiceUnavailable("The document's file cannot be read right now.") from None


class DatabaseStore:
    def put(self, session: Session, data: bytes) -> str:
        """Insert the blob unless the same bytes are stored already (`ON CONFLICT DO
        NOTHING`: two uploads of one file at once both succeed)."""
        key = content_key(data)
        if session.scalar(select(DocumentBlob.key).where(DocumentBlob.key == key)) is None:
            dialect = session.get_bind().dialect.name
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            session.execute(
                insert(DocumentBlob)
                .values(key=key, data=data, created_at=utcnow())
                .on_conflict_do_nothing(index_elements=["key"])
            )
        return key

    def get(self, session: Session, key: str) -> bytes:
        data = session.scalar(select(DocumentBlob.data).where(DocumentBlob.key == key))
        if data is None:
            raise ServiceUnavailable("The document's file cannot be read right now.")
        return bytes(data)


def storage_kind() -> str:
    """`files` or `database`, as configured (`auto` follows the database)."""
    chosen: str = current_app.config["DOCUMENT_STORAGE"]
    if chosen != "auto":
        return chosen
    url: str = current_app.config["SQLALCHEMY_DATABASE_URI"]
    return "database" if url.startswith("postgresql") else "files"


def document_store() -> Store:
    if storage_kind() == "database":
        return DatabaseStore()
    return FileStore(Path(current_app.instance_path) / "documents")
