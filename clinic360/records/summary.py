"""The patient's chart at a glance: active allergies, active problems, active medications
and the latest value of each vital sign (BMI from the latest weight and height)."""

from __future__ import annotations

from typing import Annotated

from clinic360.accounts.models import User
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.db import transaction
from clinic360.core.schemas import ApiModel, UtcInstant
from clinic360.records.allergies import ALLERGIES, AllergyOut
from clinic360.records.care import ensure_may_read_patient
from clinic360.records.chart import current_entries, entries_out
from clinic360.records.chart_models import VitalVersion
from clinic360.records.chart_schemas import Codes
from clinic360.records.medications import MEDICATIONS, MedicationOut
from clinic360.records.problems import PROBLEMS, ProblemOut
from clinic360.records.vital_measures import BMI, MEASURES, bmi
from clinic360.records.vitals import VITALS

Measure = Annotated[str, Codes((*(m.field for m in MEASURES), BMI.field))]


class LatestVital(ApiModel):
    measure: Measure
    value: float
    unit: str
    loinc: str
    taken_at: UtcInstant


class ChartSummary(ApiModel):
    allergies: list[AllergyOut]
    problems: list[ProblemOut]
    medications: list[MedicationOut]
    latest_vitals: list[LatestVital]
    """One per measure the patient has a value of, in the order of `vital_measures`."""


def chart_summary(user: User, patient_id: int) -> ChartSummary:
    """Raises Forbidden/DoctorNotApproved/NotFound as `ensure_may_read_patient`."""
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        record_access(session, user, AuditAction.CHART_SUMMARY, [patient_id])
        lists = [
            entries_out(session, chart, patient_id, ["active"])[0]
            for chart in (ALLERGIES, PROBLEMS, MEDICATIONS)
        ]
        columns = [getattr(VitalVersion, measure.column) for measure in MEASURES]
        readings = session.execute(
            current_entries(VITALS, patient_id, ["final"])
            .with_only_columns(VitalVersion.taken_at, *columns)
            .order_by(VitalVersion.taken_at.desc(), VitalVersion.entry_id.desc())
        ).all()  # one query, newest first: a measure's latest value is its first non-null
    latest: dict[str, LatestVital] = {}
    for taken_at, *values in readings:
        for measure, value in zip(MEASURES, values, strict=True):
            if value is not None and measure.column not in latest:
                latest[measure.column] = LatestVital(
                    measure=measure.field,
                    value=value,
                    unit=measure.unit,
                    loinc=measure.loinc,
                    taken_at=taken_at,
                )
        if len(latest) == len(MEASURES):
            break
    latest = {m.column: latest[m.column] for m in MEASURES if m.column in latest}  # their order
    weight, height = latest.get("weight"), latest.get("height")
    index = bmi(weight.value, height.value) if weight and height else None
    vitals = list(latest.values())
    if weight is not None and index is not None:
        vitals.append(
            LatestVital(
                measure=BMI.field, value=index, unit=BMI.unit, loinc=BMI.loinc,
                taken_at=weight.taken_at,
            )
        )  # fmt: skip
    allergies, problems, medications = lists
    return ChartSummary(
        allergies=allergies,
        problems=problems,
        medications=medications,
        latest_vitals=vitals,
    )
