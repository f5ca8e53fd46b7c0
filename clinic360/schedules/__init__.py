"""Schedules: doctors' weekly hours, time off, extra hours, and the free-slot engine."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.schedules import models  # noqa: F401  (registers the table)
    from clinic360.schedules.api import bp

    app.register_api(bp)
