"""Configuration: environment first, safe defaults, every setting documented."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from clinic360.core.config import PROJECT_ROOT, SETTINGS, ConfigError, load_settings


def test_secret_key_is_generated_once_into_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_settings(tmp_path)["SECRET_KEY"]
    second = load_settings(tmp_path)["SECRET_KEY"]
    assert first == second and len(first) >= 32
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_short_secret_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_settings(tmp_path, {"SECRET_KEY": "short"})


def test_defaults_are_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for setting in SETTINGS:
        monkeypatch.delenv(setting.name, raising=False)
    values = load_settings(tmp_path)
    assert values["DATABASE_URL"] == f"sqlite:///{tmp_path / 'clinic360.db'}"
    assert values["REDIS_URL"] == ""
    assert values["SESSION_IDLE_SECONDS"] == 900 and values["SESSION_MAX_HOURS"] == 12
    assert values["MFA_REQUIRED_ROLES"] == frozenset({"doctor", "admin", "receptionist", "manager"})


def test_plain_postgres_urls_use_psycopg(tmp_path: Path) -> None:
    values = load_settings(tmp_path, {"DATABASE_URL": "postgresql://u@h/db"})
    assert values["DATABASE_URL"] == "postgresql+psycopg://u@h/db"


def test_bad_values_are_refused_with_the_setting_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SESSION_IDLE_SECONDS"):
        load_settings(tmp_path, {"SESSION_IDLE_SECONDS": "-3"})


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))
    missing = {s.name for s in SETTINGS} - documented
    assert not missing, f"settings missing from README.md's table: {sorted(missing)}"


def test_reminder_schedule_is_parsed_and_checked_at_start(tmp_path: Path) -> None:
    assert load_settings(tmp_path)["REMINDER_SCHEDULE"] == (7 * 24 * 60, 24 * 60, 120)
    assert load_settings(tmp_path, {"REMINDER_SCHEDULE": " 30m, 3d ,"})["REMINDER_SCHEDULE"] == (
        3 * 24 * 60,
        30,
    )
    assert load_settings(tmp_path, {"REMINDER_SCHEDULE": ""})["REMINDER_SCHEDULE"] == ()
    for bad in ("24", "2w", "1m", "61d", "24h,1d", ",".join(f"{n}h" for n in range(1, 12))):
        with pytest.raises(ConfigError, match="REMINDER_SCHEDULE"):
            load_settings(tmp_path, {"REMINDER_SCHEDULE": bad})


def test_reminder_hours_is_a_deprecated_alias(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REMINDER_SCHEDULE", raising=False)
    assert load_settings(tmp_path, {"REMINDER_HOURS": "48"})["REMINDER_SCHEDULE"] == (2880,)
    both = {"REMINDER_HOURS": "48", "REMINDER_SCHEDULE": "2h"}
    assert load_settings(tmp_path, both)["REMINDER_SCHEDULE"] == (120,)
    with pytest.raises(ConfigError, match="REMINDER_HOURS"):
        load_settings(tmp_path, {"REMINDER_HOURS": "0"})
