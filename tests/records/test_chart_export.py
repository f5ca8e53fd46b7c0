"""The chart lists in the FHIR export (validated with fhir.resources R4B) and the summary."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.bundle import Bundle

from tests.records.conftest import AddAppointment, People
from tests.records.test_chart_lists import add, taken
from tests.records.test_fhir import _export, _references


def test_export_has_every_list_as_r4b_resources(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    add_appointment(people.p1, people.d2)
    allergy = add(people.d1, people.p1, "allergies")
    wrong = add(people.d2, people.p1, "allergies", severity=None, reaction=None)
    people.d1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/allergies/{wrong['id']}",
        {"status": "entered_in_error", "reason": "other patient"},
    )
    problem = add(people.d1, people.p1, "problems", status="resolved", resolvedDate="2020-01-01")
    medication = add(people.d1, people.p1, "medications", prescriber="Dr. Outside")
    vital = add(people.d1, people.p1, "vitals", height=180.0, heartRate=70, weight=81.0)
    people.d1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/vitals/{vital['id']}",
        {"weight": 80.0, "reason": "scale not zeroed"},
    )

    bundle = _export(people.p1, people.p1)
    Bundle.model_validate(bundle)  # R4B accepts every resource, and the whole
    full_urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(full_urls) == len(set(full_urls))
    assert set(_references(bundle)) <= set(full_urls)
    by_type: dict[str, dict[str, dict[str, Any]]] = {}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        by_type.setdefault(resource["resourceType"], {})[resource["id"]] = resource

    allergies = by_type["AllergyIntolerance"]
    first = allergies[str(allergy["id"])]
    assert first["code"]["text"] == allergy["substance"]
    assert first["clinicalStatus"]["coding"][0]["code"] == "active"
    assert first["reaction"][0]["manifestation"][0]["text"] == allergy["reaction"]
    assert first["reaction"][0]["severity"] == "severe"
    assert first["onsetDateTime"] == "2020-05-01"
    erroneous = allergies[str(wrong["id"])]
    assert "clinicalStatus" not in erroneous
    assert erroneous["verificationStatus"]["coding"][0]["code"] == "entered-in-error"
    assert erroneous["meta"]["versionId"] == "2"

    condition = by_type["Condition"][f"problem-{problem['id']}"]
    assert condition["category"][0]["coding"][0]["code"] == "problem-list-item"
    assert condition["clinicalStatus"]["coding"][0]["code"] == "resolved"
    assert condition["abatementDateTime"] == "2020-01-01"

    statement = by_type["MedicationStatement"][str(medication["id"])]
    assert statement["status"] == "active"
    assert statement["medicationCodeableConcept"]["text"] == medication["name"]
    assert statement["dosage"][0]["text"] == "5 mg once daily"
    assert statement["dosage"][0]["route"]["text"] == "oral"
    assert statement["effectivePeriod"] == {"start": "2024-01-01"}

    observations = by_type["Observation"]
    prefix = f"vital-{vital['id']}-"
    assert sorted(i.removeprefix(prefix) for i in observations) == [
        "bloodPressure",
        "bmi",
        "heartRate",
        "height",
        "weight",
    ]
    pressure = observations[prefix + "bloodPressure"]
    assert pressure["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "85354-9",
        "display": "Blood pressure panel with all children optional",
    }
    assert [(c["code"]["coding"][0]["code"], c["valueQuantity"]["value"]) for c in
            pressure["component"]] == [("8480-6", 120), ("8462-4", 80)]  # fmt: skip
    weight = observations[prefix + "weight"]
    assert weight["status"] == "amended"
    assert weight["category"][0]["coding"][0]["code"] == "vital-signs"
    assert weight["code"]["coding"][0]["code"] == "29463-7"
    assert weight["valueQuantity"] == {
        "value": 80.0,
        "unit": "kg",
        "system": "http://unitsofmeasure.org",
        "code": "kg",
    }
    bmi = observations[prefix + "bmi"]
    assert bmi["valueQuantity"]["value"] == 24.7
    assert bmi["code"]["coding"][0]["code"] == "39156-5"
    assert len(bmi["derivedFrom"]) == 2
    assert {p["id"] for p in by_type["Practitioner"].values()} == {
        str(people.d1.id),
        str(people.d2.id),
    }


def test_summary_holds_active_entries_and_latest_vitals(
    people: People, add_appointment: AddAppointment
) -> None:
    add_appointment(people.p1, people.d1)
    active = add(people.d1, people.p1, "allergies")
    add(people.d1, people.p1, "allergies", status="inactive")
    problem = add(people.d1, people.p1, "problems")
    add(people.d1, people.p1, "problems", status="resolved")
    stopped = add(people.d1, people.p1, "medications")
    people.d1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/medications/{stopped['id']}",
        {"status": "stopped", "stopDate": "2024-06-01", "reason": "course done"},
    )
    add(people.d1, people.p1, "vitals", takenAt=taken(48), weight=90.0, height=180.0)
    newer = add(people.d1, people.p1, "vitals", takenAt=taken(2), weight=81.0, heartRate=60)
    wrong = add(people.d1, people.p1, "vitals", takenAt=taken(1), heartRate=200)
    people.d1.client.call(
        "PUT",
        f"/api/patients/{people.p1.id}/vitals/{wrong['id']}",
        {"status": "entered_in_error", "reason": "other patient"},
    )
    for reader in (people.p1, people.d1):
        summary = reader.client.call("GET", f"/api/patients/{people.p1.id}/summary")
        assert [a["id"] for a in summary["allergies"]] == [active["id"]]
        assert [p["id"] for p in summary["problems"]] == [problem["id"]]
        assert summary["medications"] == []
        latest = {v["measure"]: v for v in summary["latestVitals"]}
        assert list(latest) == ["systolic", "diastolic", "heartRate", "weight", "height", "bmi"]
        assert latest["heartRate"]["value"] == 60  # the entered-in-error 200 is left out
        assert latest["weight"] == {
            "measure": "weight",
            "value": 81.0,
            "unit": "kg",
            "loinc": "29463-7",
            "takenAt": newer["takenAt"],
        }
        assert latest["height"]["value"] == 180.0
        assert latest["bmi"]["value"] == 25.0
