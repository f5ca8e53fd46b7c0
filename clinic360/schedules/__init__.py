"""Schedules: doctors' weekly hours, time off, extra hours, and the free-slot engine."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.accounts.doctors import on_doctor_saved
    from clinic360.schedules import models  # noqa: F401  (registers the tables)
    from clinic360.schedules.api import bp
    from clinic360.schedules.closures_api import admin_bp as closures_admin_bp
    from clinic360.schedules.closures_api import bp as closures_bp
    from clinic360.schedules.visit_types import keep_default_type
    from clinic360.schedules.visit_types_api import bp as visit_types_bp

    app.register_api(bp)
    app.register_api(visit_types_bp)
    app.register_api(closures_bp)
    app.register_api(closures_admin_bp)
    on_doctor_saved(keep_default_type)
