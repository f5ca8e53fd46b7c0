"""Medications: name, dose, route, frequency, start, stop, status (active, stopped), who
prescribed. Writing one that names an active allergy's substance answers a warning."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from sqlalchemy.orm import Session

from clinic360.core.schemas import ApiModel
from clinic360.records.allergies import allergy_warnings
from clinic360.records.chart import ChartList, Values
from clinic360.records.chart_models import MEDICATION_STATUSES, ChartKind, MedicationVersion
from clinic360.records.chart_rules import ensure_ordered
from clinic360.records.chart_schemas import (
    AllergyWarning,
    ChartDate,
    ChartItemOut,
    Codes,
    Line100,
    Line200,
    Warnings,
    amend_schema,
)

Status = Annotated[str, Codes(MEDICATION_STATUSES)]


class MedicationCreate(ApiModel):
    """`prescriber`: who prescribed it, when not the doctor recording it (another clinic)."""

    name: Line200
    dose: Line100 | None = None
    route: Line100 | None = None
    frequency: Line100 | None = None
    start_date: ChartDate | None = None
    stop_date: ChartDate | None = None
    status: Status = "active"
    prescriber: Line200 | None = None


MedicationAmend = amend_schema(MedicationCreate, "MedicationAmend")


class MedicationOut(ChartItemOut):
    name: str
    dose: str | None
    route: str | None
    frequency: str | None
    start_date: date | None
    stop_date: date | None
    status: Status
    prescriber: str | None


class MedicationWritten(MedicationOut, Warnings):
    pass


def _check(values: Values, now: datetime) -> None:
    ensure_ordered(("start_date", values["start_date"]), ("stop_date", values["stop_date"]))


def _warnings(session: Session, patient_id: int, values: Values) -> list[AllergyWarning]:
    if values["status"] != "active":
        return []
    return allergy_warnings(session, patient_id, [values["name"]])


MEDICATIONS = ChartList(
    kind=ChartKind.MEDICATION,
    path="medications",
    model=MedicationVersion,
    fields=("name", "dose", "route", "frequency", "start_date", "stop_date", "prescriber"),
    required=("name",),
    statuses=MEDICATION_STATUSES,
    default_status="active",
    create_schema=MedicationCreate,
    amend_schema=MedicationAmend,
    out_schema=MedicationOut,
    written_schema=MedicationWritten,
    check=_check,
    warnings=_warnings,
)
