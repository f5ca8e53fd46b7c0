"""Reports for the clinic's manager and admin: utilization, cancellations, no-shows, lead
times, new and returning patients, per doctor, per visit type and per day (issue #21)."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.reports.api import bp

    app.register_api(bp)
