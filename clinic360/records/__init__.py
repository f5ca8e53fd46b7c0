"""Medical records: write, read, amend (versioned), the patients of a doctor, FHIR export."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.audit.labels import provide_record_dates
    from clinic360.records.api import patients_bp, records_bp
    from clinic360.records.chart_api import chart_bp
    from clinic360.records.cli import register_commands
    from clinic360.records.documents_api import documents_bp
    from clinic360.records.intake_api import intake_bp, intake_link_bp
    from clinic360.records.lookups import record_dates

    app.register_api(records_bp)
    app.register_api(patients_bp)
    app.register_api(chart_bp)
    app.register_api(documents_bp)
    app.register_api(intake_bp)
    app.register_api(intake_link_bp)
    register_commands(app)
    provide_record_dates(record_dates)
