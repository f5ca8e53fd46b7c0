"""How emails get going: huey tasks, a wake-up after each commit, and a poll loop.

The database is the queue; huey only wakes workers up. Three triggers, all idempotent:
- after a transaction that queued an email commits, an `outbox.relay` task is enqueued
  (best effort: if Redis is down the request still succeeds, the row stays pending);
- every worker (`flask worker`) runs a poll loop: relay every `OUTBOX_POLL_SECONDS`, and
  run the periodic scans (reminders, and those domains above registered with
  `add_periodic_scan`, e.g. the messages digest) every minute, without the job queue;
- huey's periodic `outbox.tick` does the same every minute.

Tasks carry no arguments, so no PHI ever reaches the job queue. Each task pushes an app
context of the app that registered it (the `flask worker` command's app).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, has_app_context
from huey import crontab
from sqlalchemy import event
from sqlalchemy.orm import Session

from clinic360.appointments.reminders import schedule_reminders
from clinic360.notifications.delivery import relay_until_idle
from clinic360.outbox.enqueue import WAKE_FLAG

log = logging.getLogger("clinic360.notifications")
TASKS = "clinic360.notifications.tasks"
REMINDER_SCAN_SECONDS = 60

PeriodicScan = Callable[[], object]
"""Queues the emails that are due (idempotently); runs in an app context every minute."""
_scans: list[PeriodicScan] = [schedule_reminders]


def add_periodic_scan(scan: PeriodicScan) -> None:
    """Register a scan for every worker's minute (a domain above this one, at start-up)."""
    if scan not in _scans:
        _scans.append(scan)


def run_periodic_scans() -> None:
    """Each registered scan once; one that fails (logged by kind) does not stop the others."""
    for scan in _scans:
        try:
            scan()
        except Exception as exc:
            log.warning(
                "periodic scan failed",
                extra={"scan": getattr(scan, "__name__", "?"), "error": type(exc).__name__},
            )


@dataclass(frozen=True)
class OutboxTasks:
    relay: Any  # huey TaskWrapper: calling it enqueues the task
    tick: Any


def register_tasks(app: Flask) -> None:
    huey = app.extensions["huey"]

    def relay() -> None:
        with app.app_context():
            relay_until_idle()

    def tick() -> None:
        with app.app_context():
            run_periodic_scans()
            relay_until_idle()

    app.extensions[TASKS] = OutboxTasks(
        # A wake-up older than a minute is pointless: the poll loop has run since.
        relay=huey.task(name="outbox.relay", expires=60)(relay),
        tick=huey.periodic_task(crontab(minute="*"), name="outbox.tick")(tick),
    )
    if not event.contains(Session, "after_commit", _wake_after_commit):
        event.listen(Session, "after_commit", _wake_after_commit)
        event.listen(Session, "after_rollback", _forget_wake)


def wake() -> None:
    """Ask a worker to relay now; never raises (the poll loop is the safety net)."""
    tasks: OutboxTasks | None = current_app.extensions.get(TASKS)
    if tasks is None:
        return
    try:
        tasks.relay()
    except Exception as exc:
        log.warning(
            "job queue unavailable; a worker's poll will send the email",
            extra={"error": type(exc).__name__},
        )


def _wake_after_commit(session: Session) -> None:
    if session.info.pop(WAKE_FLAG, False) and has_app_context():
        wake()


def _forget_wake(session: Session) -> None:
    session.info.pop(WAKE_FLAG, None)


class OutboxPoller(threading.Thread):
    """The worker's own loop: delivery within seconds even with the job queue down."""

    def __init__(self, app: Flask) -> None:
        super().__init__(name="outbox-poller", daemon=True)
        self.app = app
        self.stopping = threading.Event()

    def run(self) -> None:
        interval = self.app.config["OUTBOX_POLL_SECONDS"]
        next_scan = 0.0
        log.info("outbox poller started", extra={"poll_seconds": interval})
        while not self.stopping.is_set():
            try:
                with self.app.app_context():
                    if time.monotonic() >= next_scan:
                        next_scan = time.monotonic() + REMINDER_SCAN_SECONDS
                        run_periodic_scans()
                    relay_until_idle()
            except Exception as exc:  # database down: log the kind only, try again
                log.warning("outbox poll failed", extra={"error": type(exc).__name__})
            self.stopping.wait(interval)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=2 * self.app.config["SMTP_TIMEOUT_SECONDS"])
