"""`make run`: the web server (gunicorn), the live-events server and background workers,
stopped together.

    python -m clinic360.launcher [--consumers N]

Ctrl-C (SIGINT) or SIGTERM stops them all; if any exits, the others are stopped too.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STOP_GRACE_SECONDS = 15


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--consumers", type=int, default=1, help="worker processes to start")
    options = parser.parse_args()
    commands = [[str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "clinic360:create_app()"]]
    commands += [[str(BIN / "python"), "-m", "clinic360.live_events"]]
    commands += [[str(BIN / "flask"), "--app", "clinic360", "worker"]] * options.consumers
    children = [subprocess.Popen(argv) for argv in commands]  # noqa: S603
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "5000")
    print(f"Clinic360 is running on http://{host}:{port} (Ctrl-C to stop)", flush=True)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
