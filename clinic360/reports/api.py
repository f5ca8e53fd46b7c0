"""Reports endpoints: the report as JSON, and each of its tables as a CSV download.

Admins and managers only (`access.may_read_reports`); anonymous 401, others 403.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts.current import require_user
from clinic360.core.http import json_response
from clinic360.reports import csv_export, service
from clinic360.reports.schemas import Report, ReportQuery

bp = APIBlueprint("reports", __name__, url_prefix="/api", abp_tags=[Tag(name="reports")])


@bp.get("/reports", responses={200: Report})
def read_report(query: ReportQuery) -> Response:
    """The report of the local dates `from`…`to` (both included, at most
    REPORTS_MAX_RANGE_DAYS): totals, one row per doctor, per visit type and per day.
    422 `invalid_report_range` for a reversed or too long range."""
    return json_response(service.report(require_user(), query))


def _download(query: ReportQuery, table: csv_export.Table) -> Response:
    report = service.report(require_user(), query)
    name = f"report-{table}-{query.from_.isoformat()}-{query.to.isoformat()}.csv"
    return Response(
        csv_export.to_csv(report, table),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


_CSV: dict[str | int | HTTPStatus, Any] = {
    "200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}
}


@bp.get("/reports/doctors.csv", responses=_CSV)
def doctors_csv(query: ReportQuery) -> Response:
    """The per-doctor table as CSV (an attachment; text cells made formula-safe)."""
    return _download(query, "doctors")


@bp.get("/reports/visit-types.csv", responses=_CSV)
def visit_types_csv(query: ReportQuery) -> Response:
    """The per-visit-type table as CSV."""
    return _download(query, "visit-types")


@bp.get("/reports/days.csv", responses=_CSV)
def days_csv(query: ReportQuery) -> Response:
    """The per-day table as CSV."""
    return _download(query, "days")
