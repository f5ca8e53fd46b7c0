"""`flask records verify`: recompute every record version's content hash."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from clinic360.core.db import transaction
from clinic360.records.integrity import version_is_intact
from clinic360.records.models import RecordVersion


def register_commands(app: Flask) -> None:
    records_cli = AppGroup("records", help="Medical records maintenance.")

    @records_cli.command("verify")
    def verify() -> None:
        """Check every version's SHA-256; list the failing ones (ids only), exit 1 if any."""
        failed: list[tuple[int, int]] = []
        checked = 0
        with transaction(write=False) as session:
            for version in session.scalars(select(RecordVersion).execution_options(yield_per=500)):
                checked += 1
                if not version_is_intact(version):
                    failed.append((version.record_id, version.version))
        for record_id, number in failed:
            click.echo(f"FAILED record {record_id} version {number}")
        click.echo(f"{checked} versions checked, {len(failed)} failed")
        if failed:
            raise SystemExit(1)

    app.cli.add_command(records_cli)
