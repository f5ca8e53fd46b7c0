"""Vital signs: one observation (blood pressure, heart rate, temperature, weight, height,
oxygen saturation, any of them) taken at an instant. Units, LOINC codes and plausibility
ranges come from `vital_measures`; BMI is derived, never stored. An observation is amended
(a corrected value) or marked `entered_in_error` with a reason, never deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from clinic360.core.errors import ValidationFailed
from clinic360.core.schemas import ApiModel, Instant, UtcInstant
from clinic360.records.chart import ChartList, Values
from clinic360.records.chart_models import VITAL_STATUSES, ChartEntry, ChartKind, VitalVersion
from clinic360.records.chart_rules import ensure_not_after
from clinic360.records.chart_schemas import ChartItemOut, Codes, Warnings, amend_schema
from clinic360.records.errors import ImplausibleValue
from clinic360.records.vital_measures import MEASURES, bmi

Status = Annotated[str, Codes(VITAL_STATUSES)]
CLOCK_SKEW = timedelta(minutes=5)
"""A measurement may be stamped this far after the server's clock (a device's clock)."""


def _one_decimal(value: float) -> float:
    return round(value, 1)


Decimal1 = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_one_decimal)]


class VitalCreate(ApiModel):
    """At least one measurement; systolic and diastolic together. Units: mmHg, /min, °C,
    kg, cm, % (docs/API.md lists the ranges)."""

    taken_at: Instant
    systolic: int | None = None
    diastolic: int | None = None
    heart_rate: int | None = None
    temperature: Decimal1 | None = None
    weight: Decimal1 | None = None
    height: Decimal1 | None = None
    oxygen_saturation: int | None = None
    status: Status = "final"


VitalAmend = amend_schema(VitalCreate, "VitalAmend")


class VitalOut(ChartItemOut):
    taken_at: UtcInstant
    systolic: int | None
    diastolic: int | None
    heart_rate: int | None
    temperature: float | None
    weight: float | None
    height: float | None
    oxygen_saturation: int | None
    bmi: float | None
    """Derived: weight / height², when this observation has both."""
    status: Status


class VitalWritten(VitalOut, Warnings):
    pass


def _check(values: Values, now: datetime) -> None:
    ensure_not_after("taken_at", values["taken_at"], now + CLOCK_SKEW)
    present = [m for m in MEASURES if values[m.column] is not None]
    if not present:
        raise ValidationFailed({"body": "give at least one measurement"})
    outside = {
        m.field: f"must be between {m.low:g} and {m.high:g} {m.unit}"
        for m in present
        if not m.low <= values[m.column] <= m.high
    }
    if outside:
        raise ImplausibleValue(outside)
    systolic, diastolic = values["systolic"], values["diastolic"]
    if (systolic is None) != (diastolic is None):
        missing = "diastolic" if diastolic is None else "systolic"
        raise ValidationFailed({missing: "blood pressure needs systolic and diastolic"})
    if systolic is not None and systolic <= diastolic:
        raise ImplausibleValue({"diastolic": "must be below systolic"})


def _derive(version: Any) -> Values:
    return {"bmi": bmi(version.weight, version.height)}


VITALS = ChartList(
    kind=ChartKind.VITAL,
    path="vitals",
    model=VitalVersion,
    fields=("taken_at", *(m.column for m in MEASURES)),
    required=("taken_at",),
    statuses=VITAL_STATUSES,
    default_status="final",
    create_schema=VitalCreate,
    amend_schema=VitalAmend,
    out_schema=VitalOut,
    written_schema=VitalWritten,
    check=_check,
    derive=_derive,
    newest_first=lambda model: (VitalVersion.taken_at.desc(), ChartEntry.id.desc()),
)
