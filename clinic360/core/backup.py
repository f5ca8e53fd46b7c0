"""Database backups (`flask backup`): pg_dump's custom format, or SQLite's online backup API.

The file is created owner-only (0600, folder 0700) before anything is written to it: a backup
holds every record. The database password never reaches a command line (it goes to pg_dump
through `PGPASSWORD`) and nothing here logs a URL. Restoring is described in
docs/operations.md §9.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupFailed(Exception):
    """The backup could not be made; the message says why (no secrets in it)."""


def default_path(instance_path: str, database_url: str, now: datetime) -> Path:
    """`<instance>/backups/clinic360-<UTC timestamp>.dump` (`.db` for SQLite: a database file)."""
    suffix = ".db" if _is_sqlite(make_url(database_url)) else ".dump"
    return Path(instance_path) / "backups" / f"clinic360-{now:%Y%m%dT%H%M%SZ}{suffix}"


def backup(database_url: str, target: Path, *, pg_dump: str = "pg_dump") -> Path:
    """Write a consistent copy of the database to `target` (which must not exist yet).

    PostgreSQL: `pg_dump --format=custom --no-owner` (restore with pg_restore). SQLite: the
    online backup API (a page-by-page copy under a read lock; writers may go on). Raises
    BackupFailed; a partial file is removed.
    """
    url = make_url(database_url)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupFailed(f"{target} exists already; pick another path") from None
    try:
        with os.fdopen(descriptor, "wb") as output:
            if _is_sqlite(url):
                output.close()
                _sqlite_backup(url, target)
            elif url.get_backend_name() == "postgresql":
                _pg_dump(url, output.fileno(), pg_dump)
            else:
                raise BackupFailed(f"no backup method for {url.get_backend_name()}")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _sqlite_backup(url: URL, target: Path) -> None:
    if not url.database or url.database == ":memory:":
        raise BackupFailed("the SQLite database is not a file")
    source_path = Path(url.database)
    if not source_path.is_file():
        raise BackupFailed(f"no SQLite database at {source_path}")
    source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True)
    with closing(source), closing(sqlite3.connect(target)) as copy:
        source.backup(copy)


def _pg_dump(url: URL, output: int, pg_dump: str) -> None:
    """Run pg_dump into `output`; the password travels in the environment, not in argv."""
    libpq_url = url.set(drivername="postgresql", password=None)
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    command = [
        pg_dump,
        "--format=custom",
        "--no-owner",
        "--dbname",
        libpq_url.render_as_string(hide_password=False),
    ]
    try:
        result = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
            command, stdout=output, stderr=subprocess.PIPE, env=environment, check=False
        )
    except FileNotFoundError:
        raise BackupFailed(f"{pg_dump} not found: install the PostgreSQL client") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise BackupFailed(f"pg_dump failed ({result.returncode}): {message}")
