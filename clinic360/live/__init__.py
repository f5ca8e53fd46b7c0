"""Live updates: a signed ticket from the web app, and the live-events server that streams
"something changed" hints (Server-Sent Events) to open screens; see core/events.py."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.core.events import init_events, prune_expired
    from clinic360.live.api import bp
    from clinic360.notifications.worker import add_periodic_scan

    init_events()
    app.register_api(bp)
    add_periodic_scan(prune_expired)
