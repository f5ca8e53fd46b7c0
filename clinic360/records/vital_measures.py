"""The vital signs a patient's chart records: one table, read by the models (CHECK
constraints), the service (plausibility), the summary and the FHIR export (LOINC, UCUM).

Ranges are plausibility limits, not reference ranges: a value outside them is a typing
error (a weight of 720 kg, a temperature of 3.7 °C), refused with 422 `implausible_value`.
Migration 0160 writes the same numbers into the database's CHECK constraints.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    field: str
    """The API field (camelCase on the wire) and, snake_cased, the column."""
    column: str
    label: str
    loinc: str
    loinc_display: str
    unit: str
    """As shown to people."""
    ucum: str
    """The UCUM code FHIR carries."""
    low: float
    high: float
    decimals: int


MEASURES: tuple[Measure, ...] = (
    Measure("systolic", "systolic", "Systolic blood pressure", "8480-6",
            "Systolic blood pressure", "mmHg", "mm[Hg]", 50, 300, 0),
    Measure("diastolic", "diastolic", "Diastolic blood pressure", "8462-4",
            "Diastolic blood pressure", "mmHg", "mm[Hg]", 20, 200, 0),
    Measure("heartRate", "heart_rate", "Heart rate", "8867-4", "Heart rate",
            "/min", "/min", 20, 300, 0),
    Measure("temperature", "temperature", "Body temperature", "8310-5", "Body temperature",
            "°C", "Cel", 30, 45, 1),
    Measure("weight", "weight", "Body weight", "29463-7", "Body weight",
            "kg", "kg", 0.5, 500, 1),
    Measure("height", "height", "Body height", "8302-2", "Body height",
            "cm", "cm", 20, 280, 1),
    Measure("oxygenSaturation", "oxygen_saturation", "Oxygen saturation", "59408-5",
            "Oxygen saturation in Arterial blood by Pulse oximetry", "%", "%", 50, 100, 0),
)  # fmt: skip
BY_COLUMN = {m.column: m for m in MEASURES}
BLOOD_PRESSURE_PANEL = ("85354-9", "Blood pressure panel with all children optional")
BMI = Measure("bmi", "bmi", "Body mass index", "39156-5", "Body mass index (BMI) [Ratio]",
              "kg/m²", "kg/m2", 0, 0, 1)  # fmt: skip


def bmi(weight_kg: float | None, height_cm: float | None) -> float | None:
    """Body mass index from a weight and a height, one decimal (None without both)."""
    if weight_kg is None or height_cm is None:
        return None
    metres = height_cm / 100
    return round(weight_kg / (metres * metres), 1)
