"""gunicorn.conf.py's worker hook: what the worker loaded is frozen out of the collector."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_post_worker_init_freezes_what_the_worker_loaded() -> None:
    settings = runpy.run_path(str(CONF))
    loaded = [object()]  # stands for the app the worker has just loaded
    gc.unfreeze()
    try:
        assert any(tracked is loaded for tracked in gc.get_objects())
        settings["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
        # A full collection no longer walks it: it sits in the permanent generation.
        assert not any(tracked is loaded for tracked in gc.get_objects())
    finally:
        gc.unfreeze()
