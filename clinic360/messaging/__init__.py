"""Messages between patients and their doctors: threads, replies, retraction, blocks, the
unread count, and the emails that say there is something to read (never what)."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.messaging import models  # noqa: F401  (registers the tables)
    from clinic360.messaging.api import bp
    from clinic360.messaging.digest import queue_due_digests
    from clinic360.notifications.worker import add_periodic_scan

    app.register_api(bp)
    add_periodic_scan(queue_due_digests)
