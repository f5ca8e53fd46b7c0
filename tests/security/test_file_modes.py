"""Review #23 F-4: the embedded instance folder is private (folders 0700, files 0600).

It holds the SQLite database (diagnoses, password hashes, TOTP secrets), its WAL/SHM files,
the job queue, file sessions, the generated secret key and the email outbox. The test starts
the app the way `make run` does (create_app, migrate, then writes through the API) under a
permissive umask, also over a folder a previous release left world-readable.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask_migrate import upgrade

from clinic360.core.db import db
from tests.conftest import make_app
from tests.factories import register
from tests.helpers import ApiClient


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _modes(folder: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(folder.stat().st_mode))}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


@contextmanager
def _started(instance: Path) -> Iterator[None]:
    """The app started on `instance`, migrated, with writes done; connections still open
    (so the WAL files exist) until the block ends."""
    app = make_app("", instance, SECRET_KEY="")
    with app.app_context():
        upgrade()
    browser = ApiClient(app)
    user = register(browser)
    assert browser.post("/api/password-reset", json={"email": user["email"]}).status_code == 202
    try:
        yield
    finally:
        with app.app_context():
            db.engine.dispose()


@pytest.mark.usefixtures("permissive_umask")
def test_instance_folder_and_files_are_owner_only(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    with _started(instance):
        modes = _modes(instance)
    for name in ("clinic360.db", "clinic360.db-wal", "queue.db", "secret_key", "sessions"):
        assert name in modes, sorted(modes)
    assert any(name.startswith("sessions/") for name in modes)
    wrong = {
        name: mode
        for name, mode in modes.items()
        if mode != ("0o700" if (instance / name).is_dir() else "0o600")
    }
    assert wrong == {}


@pytest.mark.usefixtures("permissive_umask")
def test_a_world_readable_instance_from_before_is_tightened(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    instance.chmod(0o755)
    old_db = instance / "clinic360.db"
    old_db.touch()
    old_db.chmod(0o644)
    with _started(instance):
        pass
    assert oct(stat.S_IMODE(instance.stat().st_mode)) == "0o700"
    assert oct(stat.S_IMODE(old_db.stat().st_mode)) == "0o600"
