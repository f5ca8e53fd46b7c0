"""The LOG-01 plugin (tests/canary.py) sees what it must see."""

from __future__ import annotations

import logging

from tests import canary


def test_plugin_catches_a_canary_in_a_log_line() -> None:
    logging.getLogger("clinic360.selftest").warning("oops", extra={"note": "CANARY-selftest"})
    logging.getLogger("clinic360.selftest").warning("fine", extra={"note": "nothing secret"})
    caught = list(canary._handler.hits)
    canary._handler.hits.clear()  # this test's leak is on purpose
    assert len(caught) == 1 and "CANARY-selftest" in caught[0]
