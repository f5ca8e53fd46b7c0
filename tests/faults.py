"""Faults the tests inject; production code has no switch for them.

`audit_insert_fails` makes every access-log INSERT fail (a trigger, on both databases), as a
revoked grant would: the audited call must answer 503 and roll back.

The rest concern the booking path.

In this process, pass `monkeypatch.setattr`; in a gunicorn server, `tests/faults_gunicorn.py`
calls `inject` in every worker with the builtin `setattr`, from two variables only the
tests set (`TEST_FAULT_SKIP_PRECHECK`, `TEST_FAULT_SLEEP_MS`).

The booking path runs `precheck_free` (the friendly overlap check) and then inserts; the
faults replace that check:
- `skip_precheck`: on PostgreSQL the check is skipped, so the exclusion constraints alone
  must stop double booking (on SQLite the check is the authority and always runs);
- `after_precheck`: called between the check and the insert of a booking (a sleep widens
  race windows; a raising hook stands in for a database error at that point).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask_openapi3 import OpenAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

from clinic360.appointments import booking, transitions
from clinic360.core.db import db

Setattr = Callable[[object, str, Any], None]


def inject(
    set_attribute: Setattr,
    *,
    skip_precheck: bool = False,
    after_precheck: Callable[[], None] | None = None,
) -> None:
    """Replace the overlap pre-check of booking (and, for `skip_precheck`, rescheduling)."""
    original = booking.precheck_free

    def precheck(session: Session, *args: Any, **kwargs: Any) -> None:
        if not (skip_precheck and session.get_bind().dialect.name == "postgresql"):
            original(session, *args, **kwargs)

    def precheck_then_fault(session: Session, *args: Any, **kwargs: Any) -> None:
        precheck(session, *args, **kwargs)
        if after_precheck is not None:
            after_precheck()

    set_attribute(booking, "precheck_free", precheck_then_fault)
    set_attribute(transitions, "precheck_free", precheck)


def inject_from_environment() -> None:
    """The faults a test asked a server process for (see module docstring)."""
    sleep_ms = int(os.environ.get("TEST_FAULT_SLEEP_MS", "0"))
    inject(
        setattr,
        skip_precheck=os.environ.get("TEST_FAULT_SKIP_PRECHECK") == "true",
        after_precheck=(lambda: time.sleep(sleep_ms / 1000)) if sleep_ms else None,
    )


@contextmanager
def audit_insert_fails(app: OpenAPI) -> Iterator[None]:
    """A trigger makes every access-log INSERT fail, like a revoked grant would."""
    with app.app_context(), db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    "CREATE FUNCTION test_audit_down() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'audit down'; END $$"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER test_audit_down BEFORE INSERT ON access_log "
                    "FOR EACH ROW EXECUTE FUNCTION test_audit_down()"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TRIGGER test_audit_down BEFORE INSERT ON access_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit down'); END"
                )
            )
    try:
        yield
    finally:
        with app.app_context(), db.engine.begin() as conn:
            conn.execute(
                text("DROP TRIGGER test_audit_down ON access_log")
                if conn.dialect.name == "postgresql"
                else text("DROP TRIGGER test_audit_down")
            )
            if conn.dialect.name == "postgresql":
                conn.execute(text("DROP FUNCTION test_audit_down()"))
