"""Benchmark: the doctor's patient page's API calls for a patient with 10 years of history, on
PostgreSQL (not a test).

Creates a scratch database with one doctor and one patient (plus `--others` patients of the
same doctor with the same history, so the tables are not just this patient's rows), then
seeds, per patient: a completed visit every ~4 weeks for `--years` years, a record on each
(every fifth amended), a vital-signs reading at each, intake answers before every second one
(a third of them saved twice), a document every ~3 months, and 20 allergies, 40 problems and
60 medications, a third of each amended. Then it signs in as the
doctor (in-process test client, no network) and times each call the patient page makes, in
turn, `--rounds` times: p50 and p99 per call, and of the whole page (the calls one after the
other). `make bench` runs it (`measure`) and adds a Summary row (target: p99 < 50 ms per
call); alone:

    .venv/bin/python -m bench.bench_patient_page [--years 10] [--rounds 100] [--others 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask_openapi3 import OpenAPI
from sqlalchemy.orm import Session

from bench.scratch import scratch_app
from clinic360.accounts.models import User
from clinic360.accounts.passwords import hash_password
from clinic360.appointments.models import Appointment
from clinic360.core.db import db
from clinic360.records.chart_models import (
    AllergyVersion,
    ChartEntry,
    MedicationVersion,
    ProblemVersion,
    VitalVersion,
)
from clinic360.records.documents_models import Document, DocumentVersion
from clinic360.records.intake_models import IntakeResponse, IntakeResponseVersion
from clinic360.records.integrity import content_sha256
from clinic360.records.models import MedicalRecord, RecordVersion

PASSWORD = "bench-patient-page-Pw1!"  # noqa: S105 (a throwaway scratch account)
VISIT_EVERY = timedelta(days=28)


def page_calls(patient_id: int) -> list[str]:
    """The API calls the doctor's patient page makes (web/src/features/records)."""
    base = f"/api/patients/{patient_id}"
    return [
        base,
        f"{base}/summary",
        f"{base}/timeline",
        *(f"{base}/{kind}?limit=500" for kind in ("allergies", "problems", "medications")),
        f"{base}/vitals?limit=500",
        f"{base}/documents",
        f"/api/records/{patient_id}?limit=500",
    ]


def _user(name: str, role: str, password_hash: str) -> User:
    return User(
        username=name, email=f"{name}@example.org", full_name=name.title(), role=role,
        timezone="UTC", approved=True, slot_minutes=30, password_hash=password_hash,
    )  # fmt: skip


def _history(session: Session, doctor: User, patient: User, years: int, now: datetime) -> None:
    start = now - timedelta(days=365 * years)
    visits = []
    at = start
    while at < now - timedelta(days=1):
        visits.append(at)
        at += VISIT_EVERY
    for n, when in enumerate(visits):
        visit = Appointment(
            patient_id=patient.id, doctor_id=doctor.id, start_time=when,
            end_time=when + timedelta(minutes=30), status="completed",
        )  # fmt: skip
        session.add(visit)
        session.flush()
        amended = n % 5 == 0
        record = MedicalRecord(
            patient_id=patient.id, doctor_id=doctor.id, appointment_id=visit.id,
            created_at=when + timedelta(minutes=30), current_version=2 if amended else 1,
        )  # fmt: skip
        session.add(record)
        session.flush()
        texts = ("Follow-up", "Continue treatment", "Doing well")
        session.add(RecordVersion(
            record_id=record.id, version=1, diagnosis=texts[0], prescription=texts[1],
            notes=texts[2], content_sha256=content_sha256(record.id, 1, *texts),
        ))  # fmt: skip
        if amended:
            session.add(RecordVersion(
                record_id=record.id, version=2, diagnosis=texts[0], prescription=texts[1],
                notes="Doing well, checked", amended_at=when + timedelta(hours=2),
                amended_by=doctor.id, amendment_reason="Added a note",
                content_sha256=content_sha256(record.id, 2, texts[0], texts[1],
                                              "Doing well, checked"),
            ))  # fmt: skip
        if n % 2 == 0:
            _intake(session, visit, patient, when, versions=2 if n % 3 == 0 else 1)
        _entry(session, "vital", patient, doctor, when, [
            dict(taken_at=when, systolic=120 + n % 20, diastolic=80, heart_rate=70,
                 weight=80 + (n % 7) / 2, height=178),
        ])  # fmt: skip
        if n % 3 == 0:
            document = Document(
                patient_id=patient.id, uploaded_by=doctor.id, uploaded_at=when,
                current_version=1, storage_key="0" * 64, content_type="application/pdf",
                size=1000, sha256="0" * 64, sha1="0" * 40, file_name=f"lab-{n}.pdf",
            )  # fmt: skip
            session.add(document)
            session.flush()
            session.add(DocumentVersion(
                document_id=document.id, version=1, title=f"Lab result {n}", kind="lab_result",
                status="current", written_by=doctor.id, written_at=when,
            ))  # fmt: skip
    step = (now - start) / 120
    for n in range(120):
        when = start + step * n
        kind, content = (
            ("allergy", {"substance": f"Substance {n}", "severity": "mild"}) if n % 6 == 0
            else ("problem", {"condition": f"Condition {n}", "onset_date": when.date()})
            if n % 6 in (1, 2)
            else ("medication", {"name": f"Medicine {n}", "dose": "5 mg",
                                 "start_date": when.date()})
        )  # fmt: skip
        status = "active"
        versions = [dict(content, status=status)]
        if n % 3 == 0:
            versions.append(dict(content, status="inactive" if kind == "allergy" else
                                 "resolved" if kind == "problem" else "stopped"))  # fmt: skip
        _entry(session, kind, patient, doctor, when, versions)


def _intake(
    session: Session, visit: Appointment, patient: User, when: datetime, versions: int
) -> None:
    """Answers saved before the visit (the timeline reads heads and current versions only, so
    the question ids need no questions behind them)."""
    head = IntakeResponse(
        appointment_id=visit.id, patient_id=patient.id, created_at=when - timedelta(days=2),
        current_version=versions,
    )  # fmt: skip
    session.add(head)
    session.flush()
    for number in range(1, versions + 1):
        session.add(IntakeResponseVersion(
            response_id=head.id, version=number, written_by=patient.id,
            written_at=when - timedelta(days=3 - number),
            answers=[{"questionId": 1, "value": True}, {"questionId": 2, "value": "Well"}],
        ))  # fmt: skip


MODELS: dict[str, Any] = {
    "vital": VitalVersion, "allergy": AllergyVersion, "problem": ProblemVersion,
    "medication": MedicationVersion,
}  # fmt: skip
FINAL = {"vital": "final"}


def _entry(
    session: Session, kind: str, patient: User, doctor: User, when: datetime,
    versions: list[dict[str, Any]],
) -> None:  # fmt: skip
    entry = ChartEntry(
        kind=kind, patient_id=patient.id, created_by=doctor.id, created_at=when,
        current_version=len(versions),
    )  # fmt: skip
    session.add(entry)
    session.flush()
    for number, values in enumerate(versions, start=1):
        session.add(MODELS[kind](
            entry_id=entry.id, version=number, written_by=doctor.id,
            written_at=when + timedelta(days=number - 1),
            reason=None if number == 1 else "Reviewed",
            **{"status": FINAL.get(kind, "active"), **values},
        ))  # fmt: skip


def _seed(years: int, others: int) -> tuple[int, str]:
    session = db.session
    password_hash = hash_password(PASSWORD)
    doctor = _user("ppdoctor", "doctor", password_hash)
    patients = [_user(f"pppatient{i}", "patient", password_hash) for i in range(others + 1)]
    session.add_all([doctor, *patients])
    session.flush()
    now = datetime.now(UTC).replace(microsecond=0)
    for n, patient in enumerate(patients):  # each an hour apart: one doctor, no overlap
        _history(session, doctor, patient, years, now - timedelta(hours=n))
    session.commit()
    return patients[0].id, doctor.username


def _time_calls(app: OpenAPI, username: str, calls: list[str], rounds: int) -> dict[str, Any]:
    client = app.test_client()
    token = client.get("/api/csrf").get_json()["csrfToken"]
    login = client.post(
        "/api/login", json={"username": username, "password": PASSWORD},
        headers={"X-CSRF-Token": token},
    )  # fmt: skip
    assert login.status_code == 200, login.get_data(as_text=True)
    per_call: dict[str, list[float]] = {path: [] for path in calls}
    pages: list[float] = []
    errors = 0
    for _ in range(rounds + 2):  # two warm-up rounds, not counted
        page = 0.0
        for path in calls:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            errors += response.status_code != 200
            per_call[path].append(elapsed)
            page += elapsed
        pages.append(page)

    def summary(values: list[float]) -> dict[str, float]:
        kept = values[2:]
        return {
            "p50_ms": round(statistics.median(kept), 1),
            "p99_ms": round(statistics.quantiles(kept, n=100, method="inclusive")[98], 1),
        }

    return {
        "calls": {path: summary(values) for path, values in per_call.items()},
        "page": summary(pages),
        "errors": errors,
    }


def measure(years: int = 10, rounds: int = 100, others: int = 20) -> dict[str, Any]:
    """Seed a scratch database, time the patient page's calls; per call and per page."""
    with scratch_app("clinic360_bench_pp", MFA_REQUIRED_ROLES="") as app:
        patient_id, username = _seed(years, others)
        rows = {
            "timeline items": db.session.query(Appointment)
            .filter(Appointment.patient_id == patient_id)
            .count(),
        }
        result = _time_calls(app, username, page_calls(patient_id), rounds)
    slowest = max(result["calls"].items(), key=lambda item: item[1]["p99_ms"])
    return {
        "years": years, "rounds": rounds, "others": others, "visits": rows["timeline items"],
        **result, "slowest": {"path": slowest[0], **slowest[1]},
        "since": date.today().isoformat(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--others", type=int, default=20)
    args = parser.parse_args()
    result = measure(args.years, args.rounds, args.others)
    print(f"{result['visits']} visits over {result['years']} years, {result['rounds']} rounds")
    for path, figures in result["calls"].items():
        print(f"  {path}: p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms")
    print(f"whole page: p50 {result['page']['p50_ms']} ms, p99 {result['page']['p99_ms']} ms")
    print(f"errors: {result['errors']}")


if __name__ == "__main__":
    main()
