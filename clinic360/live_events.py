"""Start the live-events server (clinic360/live/server.py) on HOST:EVENTS_PORT.

python -m clinic360.live_events
"""

from __future__ import annotations

from aiohttp import web

from clinic360 import create_app
from clinic360.live.server import build


def main() -> None:
    flask_app = create_app()
    config = flask_app.config
    web.run_app(
        build(flask_app),
        host=config["HOST"],
        port=config["EVENTS_PORT"],
        access_log=None,  # the ticket is in the query string
        print=None,
        shutdown_timeout=2,
    )


if __name__ == "__main__":
    main()
