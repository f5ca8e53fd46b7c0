"""FHIR R4 API (`/fhir/R4`) for SMART on FHIR apps: discovery, then resources behind
bearer tokens issued by `clinic360.oauth`."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.fhir import appointments, cors, outcome, patients, roles, schedules
    from clinic360.fhir.api import bp

    app.register_blueprint(bp)
    app.register_blueprint(patients.bp)
    app.register_blueprint(appointments.bp)
    app.register_blueprint(roles.bp)
    app.register_blueprint(schedules.bp)
    # Flask runs after_request hooks last-registered first: CORS headers are added after
    # errors became OperationOutcomes, so a refused request's answer is readable too.
    cors.register(app)
    outcome.register(app)
