"""The front desk (issue 21): receptionists find and register patients, book, move, cancel
and check in for any patient with any doctor, through the appointments service; every
action lands in the patient's access log. No clinical content ever reaches the desk."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.frontdesk.api import bp
    from clinic360.frontdesk.calendar_api import bp as calendar_bp

    app.register_api(bp)
    app.register_api(calendar_bp)
