"""`flask outbox …`: what an operator needs to see and nudge the email outbox."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from clinic360.notifications.delivery import relay_until_idle
from clinic360.notifications.operations import outbox_state, retry_email

outbox = AppGroup("outbox", help="Inspect and nudge the email outbox.")


@outbox.command("status")
def status() -> None:
    """Emails per status and the age of the oldest pending one."""
    state = outbox_state(include_sent=True)
    for name, count in state.counts.items():
        click.echo(f"{name:<8} {count}")
    age = state.oldest_pending_seconds
    click.echo(f"oldest pending: {'-' if age is None else f'{age} s'}")


@outbox.command("retry")
@click.argument("outbox_id", type=click.IntRange(min=1))
def retry(outbox_id: int) -> None:
    """Queue a failed (or skipped) email again, with fresh attempts."""
    before = retry_email(outbox_id)
    if before is None:
        raise click.ClickException(f"no email {outbox_id}")
    if before not in ("failed", "skipped"):
        raise click.ClickException(f"email {outbox_id} is {before}; only failed or skipped")
    click.echo(f"email {outbox_id} queued again")


@outbox.command("relay")
def relay() -> None:
    """Send what is due now, in this process (a worker does this on its own)."""
    report = relay_until_idle()
    click.echo(
        f"sent {report.sent}, retried {report.retried}, failed {report.failed}, "
        f"skipped {report.skipped}"
    )
