"""Chart endpoints: per list `GET`/`POST /api/patients/:id/<list>`, `PUT …/<list>/:itemId`
(amend with a reason), `GET …/<list>/:itemId/history`; and `GET /api/patients/:id/summary`.

The four lists share their handlers: `_register` builds them for one `ChartList` with its
schemas, so the OpenAPI document names each list's bodies. Handlers are thin: role, one
service call, serialise. (No `from __future__ import annotations` here: flask-openapi3 reads
the handlers' annotations, which name the list's schemas, at registration.)
"""

from typing import Any

from flask import Response
from flask_openapi3 import APIBlueprint, Tag
from pydantic import RootModel

from clinic360.accounts.current import require_user
from clinic360.accounts.models import Role
from clinic360.core.http import json_response
from clinic360.records import chart, summary, timeline
from clinic360.records.allergies import ALLERGIES
from clinic360.records.chart_schemas import ChartQuery, ItemPath, PatientPath
from clinic360.records.medications import MEDICATIONS
from clinic360.records.problems import PROBLEMS
from clinic360.records.timeline_schemas import TimelinePage, TimelineQuery
from clinic360.records.vitals import VITALS

chart_bp = APIBlueprint("chart", __name__, url_prefix="/api", abp_tags=[Tag(name="chart")])
CHART_LISTS = (ALLERGIES, PROBLEMS, MEDICATIONS, VITALS)


def _named(function: Any, name: str, doc: str) -> Any:
    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    return function


def _register(spec: chart.ChartList) -> None:
    create_schema, amend_schema = spec.create_schema, spec.amend_schema
    out_schema, written_schema = spec.out_schema, spec.written_schema
    listing = type(f"{out_schema.__name__}List", (RootModel[list[out_schema]],), {})  # type: ignore[valid-type]
    noun = spec.path
    base = f"/patients/<int:id>/{noun}"

    def list_entries(path: PatientPath, query: ChartQuery) -> Response:
        user = require_user(Role.PATIENT, Role.DOCTOR)
        items, total = chart.list_items(
            user, spec, path.id, query.status, query.limit, query.offset
        )
        return json_response(items, total=total)

    def add_entry(path: PatientPath, body: create_schema) -> Response:  # type: ignore[valid-type]
        doctor = require_user(Role.DOCTOR)
        return json_response(chart.add_item(doctor, spec, path.id, body), 201)

    def amend_entry(path: ItemPath, body: amend_schema) -> Response:  # type: ignore[valid-type]
        doctor = require_user(Role.DOCTOR)
        return json_response(chart.amend_item(doctor, spec, path.id, path.item_id, body))

    def entry_history(path: ItemPath) -> Response:
        user = require_user(Role.PATIENT, Role.DOCTOR)
        return json_response(chart.item_history(user, spec, path.id, path.item_id))

    chart_bp.get(base, responses={200: listing})(
        _named(
            list_entries,
            f"list_{noun}",
            f"Patient `:id`'s {noun}, newest first (`?status=` filters): that patient, or a "
            "doctor in their care (others 404).",
        )
    )
    chart_bp.post(base, responses={201: written_schema})(
        _named(
            add_entry,
            f"add_{noun}",
            f"Add to patient `:id`'s {noun} (a doctor in their care); `warnings` when it "
            "names an active allergy.",
        )
    )
    chart_bp.put(f"{base}/<int:item_id>", responses={200: written_schema})(
        _named(
            amend_entry,
            f"amend_{noun}",
            f"Amend entry `:item_id` of patient `:id`'s {noun} (a doctor in their care; "
            "`reason` required): a new version, the old kept.",
        )
    )
    chart_bp.get(f"{base}/<int:item_id>/history", responses={200: listing})(
        _named(
            entry_history,
            f"{noun}_history",
            f"Every version of entry `:item_id` of patient `:id`'s {noun}, oldest first.",
        )
    )


for _spec in CHART_LISTS:
    _register(_spec)


@chart_bp.get("/patients/<int:id>/summary", responses={200: summary.ChartSummary})
def chart_summary(path: PatientPath) -> Response:
    """Patient `:id`'s active allergies, problems and medications and latest vitals: that
    patient, or a doctor in their care."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    return json_response(summary.chart_summary(user, path.id))


@chart_bp.get("/patients/<int:id>/timeline", responses={200: TimelinePage})
def patient_timeline(path: PatientPath, query: TimelineQuery) -> Response:
    """Patient `:id`'s visits, records (and amendments), vitals, documents and list changes,
    newest first, keyset-paged (`before` = the previous page's `nextBefore`): that patient,
    or a doctor in their care (a doctor sees only their own visits)."""
    user = require_user(Role.PATIENT, Role.DOCTOR)
    return json_response(timeline.patient_timeline(user, path.id, query.before, query.limit))
