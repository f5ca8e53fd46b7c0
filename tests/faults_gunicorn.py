"""gunicorn settings for test servers: the project's `gunicorn.conf.py`, plus faults.

    gunicorn -c tests/faults_gunicorn.py "clinic360:create_app()"

Each worker, once it has loaded the app, injects the faults the test set in its
environment (`tests/faults.py`).
"""

import runpy
from pathlib import Path
from typing import Any

globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py")
        ).items()
        if not name.startswith("__")
    }
)


def post_worker_init(worker: Any) -> None:
    from tests.faults import inject_from_environment

    inject_from_environment()
