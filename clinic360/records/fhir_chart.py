"""The chart lists in the FHIR export, each entry at its current version, built from
`fhir.resources.R4B` models:

- an AllergyIntolerance per allergy (clinical and verification status, reaction, severity);
- a Condition per problem, category `problem-list-item` (ids `problem-<id>`: the record
  Conditions keep the plain record ids);
- a MedicationStatement per medication (dosage text and route, effective period);
- an Observation per vital sign of a vitals entry, category `vital-signs`, LOINC-coded with
  UCUM units (blood pressure as the 85354-9 panel with systolic and diastolic components;
  BMI derived from that entry's weight and height, `derivedFrom` both). Ids
  `vital-<id>-<measure>`.

Entries entered in error are exported with that status (and, as FHIR requires, without a
clinical status); codes come from the R4B value sets named beside each table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fhir.resources.R4B.allergyintolerance import AllergyIntolerance, AllergyIntoleranceReaction
from fhir.resources.R4B.annotation import Annotation
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.dosage import Dosage
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.observation import Observation, ObservationComponent
from fhir.resources.R4B.period import Period
from fhir.resources.R4B.quantity import Quantity
from fhir.resources.R4B.reference import Reference

from clinic360.core.schemas import format_instant
from clinic360.records.chart_models import (
    ENTERED_IN_ERROR,
    AllergyVersion,
    ChartEntry,
    MedicationVersion,
    ProblemVersion,
    VitalVersion,
)
from clinic360.records.documents_schemas import DocumentOut
from clinic360.records.fhir_entries import Entries
from clinic360.records.fhir_intake import IntakeExport
from clinic360.records.vital_measures import BLOOD_PRESSURE_PANEL, BMI, MEASURES, Measure, bmi

ENTRY_IDENTIFIER_SYSTEM = "urn:clinic360:chart-entry"
TERMINOLOGY = "http://terminology.hl7.org/CodeSystem/"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
# valueset-allergyintolerance-clinical / -verification, condition-clinical / -ver-status
ALLERGY_CLINICAL = {"active": "active", "inactive": "inactive"}
PROBLEM_CLINICAL = {"active": "active", "resolved": "resolved"}
# valueset-medication-statement-status
MEDICATION_STATUS = {"active": "active", "stopped": "stopped", ENTERED_IN_ERROR: "entered-in-error"}


@dataclass
class ChartExport:
    """A patient's chart entries at their current versions, oldest first."""

    allergies: list[tuple[ChartEntry, AllergyVersion]] = field(default_factory=list)
    problems: list[tuple[ChartEntry, ProblemVersion]] = field(default_factory=list)
    medications: list[tuple[ChartEntry, MedicationVersion]] = field(default_factory=list)
    vitals: list[tuple[ChartEntry, VitalVersion]] = field(default_factory=list)
    documents: list[DocumentOut] = field(default_factory=list)
    intake: list[IntakeExport] = field(default_factory=list)

    def authors(self) -> set[int]:
        lists: list[list[Any]] = [self.allergies, self.problems, self.medications, self.vitals]
        uploaders = {d.uploaded_by.id for d in self.documents if d.uploaded_by.id != d.patient_id}
        return {entry.created_by for rows in lists for entry, _ in rows} | uploaders


def add_chart(out: Entries, subject: Reference, chart: ChartExport) -> None:
    for entry, allergy in chart.allergies:
        out.add(_allergy(out, subject, entry, allergy), entry.id)
    for entry, problem in chart.problems:
        out.add(_problem(out, subject, entry, problem), f"problem-{entry.id}")
    for entry, medication in chart.medications:
        out.add(_medication(out, subject, entry, medication), entry.id)
    for entry, vital in chart.vitals:
        _vitals(out, subject, entry, vital)


def _concept(system: str, code: str) -> CodeableConcept:
    return CodeableConcept(coding=[Coding(system=TERMINOLOGY + system, code=code)])


def _common(out: Entries, entry: ChartEntry, version: Any) -> dict[str, Any]:
    return {
        "meta": Meta(
            versionId=str(version.version), lastUpdated=format_instant(version.written_at)
        ),
        "identifier": [Identifier(system=ENTRY_IDENTIFIER_SYSTEM, value=str(entry.id))],
    }


def _statuses(
    status: str, clinical: dict[str, str], clinical_system: str, verification_system: str
) -> dict[str, Any]:
    """Clinical and verification status: entered in error has no clinical status."""
    if status == ENTERED_IN_ERROR:
        return {"verificationStatus": _concept(verification_system, "entered-in-error")}
    return {
        "clinicalStatus": _concept(clinical_system, clinical[status]),
        "verificationStatus": _concept(verification_system, "confirmed"),
    }


def _allergy(
    out: Entries, subject: Reference, entry: ChartEntry, version: AllergyVersion
) -> AllergyIntolerance:
    reaction = None
    if version.reaction or version.severity:
        reaction = [
            AllergyIntoleranceReaction(
                manifestation=[CodeableConcept(text=version.reaction or "Not recorded")],
                severity=version.severity,
            )
        ]
    return AllergyIntolerance(
        **_common(out, entry, version),
        **_statuses(
            version.status,
            ALLERGY_CLINICAL,
            "allergyintolerance-clinical",
            "allergyintolerance-verification",
        ),
        code=CodeableConcept(text=version.substance),
        patient=subject,
        onsetDateTime=version.onset_date.isoformat() if version.onset_date else None,
        recordedDate=format_instant(entry.created_at),
        recorder=out.ref("Practitioner", entry.created_by),
        reaction=reaction,
    )


def _problem(
    out: Entries, subject: Reference, entry: ChartEntry, version: ProblemVersion
) -> Condition:
    category = CodeableConcept(
        coding=[
            Coding(
                system=TERMINOLOGY + "condition-category",
                code="problem-list-item",
                display="Problem List Item",
            )
        ]
    )
    return Condition(
        **_common(out, entry, version),
        **_statuses(version.status, PROBLEM_CLINICAL, "condition-clinical", "condition-ver-status"),
        category=[category],
        code=CodeableConcept(text=version.condition),
        subject=subject,
        onsetDateTime=version.onset_date.isoformat() if version.onset_date else None,
        abatementDateTime=version.resolved_date.isoformat() if version.resolved_date else None,
        recordedDate=format_instant(entry.created_at),
        recorder=out.ref("Practitioner", entry.created_by),
    )


def _medication(
    out: Entries, subject: Reference, entry: ChartEntry, version: MedicationVersion
) -> MedicationStatement:
    dosage_text = " ".join(p for p in (version.dose, version.frequency) if p)
    dosage = None
    if dosage_text or version.route:
        dosage = [
            Dosage(
                text=dosage_text or None,
                route=CodeableConcept(text=version.route) if version.route else None,
            )
        ]
    period = None
    if version.start_date or version.stop_date:
        period = Period(
            start=version.start_date.isoformat() if version.start_date else None,
            end=version.stop_date.isoformat() if version.stop_date else None,
        )
    return MedicationStatement(
        **_common(out, entry, version),
        status=MEDICATION_STATUS[version.status],
        medicationCodeableConcept=CodeableConcept(text=version.name),
        subject=subject,
        effectivePeriod=period,
        dateAsserted=format_instant(entry.created_at),
        informationSource=out.ref("Practitioner", entry.created_by),
        dosage=dosage,
        note=[Annotation(text=f"Prescribed by {version.prescriber}")]
        if version.prescriber
        else None,
    )


def _loinc(measure: Measure | tuple[str, str]) -> CodeableConcept:
    code, display = (
        (measure.loinc, measure.loinc_display) if isinstance(measure, Measure) else measure
    )
    return CodeableConcept(coding=[Coding(system=LOINC, code=code, display=display)], text=display)


def _quantity(measure: Measure, value: float) -> Quantity:
    return Quantity(value=value, unit=measure.unit, system=UCUM, code=measure.ucum)


def _vitals(out: Entries, subject: Reference, entry: ChartEntry, version: VitalVersion) -> None:
    if version.status == ENTERED_IN_ERROR:
        status = "entered-in-error"
    else:
        status = "amended" if version.version > 1 else "final"
    category = CodeableConcept(
        coding=[
            Coding(
                system=TERMINOLOGY + "observation-category",
                code="vital-signs",
                display="Vital Signs",
            )
        ]
    )
    common = {
        **_common(out, entry, version),
        "status": status,
        "category": [category],
        "subject": subject,
        "effectiveDateTime": format_instant(version.taken_at),
        "performer": [out.ref("Practitioner", entry.created_by)],
    }
    by_column = {m.column: m for m in MEASURES}
    if version.systolic is not None and version.diastolic is not None:
        out.add(
            Observation(
                **common,
                code=_loinc(BLOOD_PRESSURE_PANEL),
                component=[
                    ObservationComponent(
                        code=_loinc(by_column[name]),
                        valueQuantity=_quantity(by_column[name], getattr(version, name)),
                    )
                    for name in ("systolic", "diastolic")
                ],
            ),
            f"vital-{entry.id}-bloodPressure",
        )
    for measure in MEASURES:
        value = getattr(version, measure.column)
        if value is None or measure.column in ("systolic", "diastolic"):
            continue
        out.add(
            Observation(**common, code=_loinc(measure), valueQuantity=_quantity(measure, value)),
            f"vital-{entry.id}-{measure.field}",
        )
    index = bmi(version.weight, version.height)
    if index is not None:
        out.add(
            Observation(
                **common,
                code=_loinc(BMI),
                valueQuantity=_quantity(BMI, index),
                derivedFrom=[
                    out.ref("Observation", f"vital-{entry.id}-{name}")
                    for name in ("weight", "height")
                ],
            ),
            f"vital-{entry.id}-bmi",
        )
