"""Record rules: write, list, amend, history. Each public function owns one transaction.

Every function authorises through `care.ensure_may_read_patient`, writes its access-log row
in the same transaction (fail closed: no audit row, no PHI), and only then returns PHI.

Concurrent amendments of one record are serialised: the amendment locks the record head
(`SELECT … FOR NO KEY UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` serialises writers),
then moves `current_version` by compare-and-swap and inserts the next version, unique on
(record_id, version). So N concurrent amendments all apply, in order, as versions 2…N+1;
none is lost. A client that sends `baseVersion` gets 409 `version_conflict` instead when the
record moved on since it was read.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from clinic360.accounts.models import Role, User
from clinic360.appointments.queries import is_visit_between
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.records.allergies import allergy_warnings
from clinic360.records.care import ensure_active_doctor, ensure_may_read_patient
from clinic360.records.chart import insert_item
from clinic360.records.errors import AppointmentMismatch, NotAuthor
from clinic360.records.integrity import content_sha256, ensure_intact
from clinic360.records.medications import MEDICATIONS, MedicationOut
from clinic360.records.models import MedicalRecord, RecordVersion
from clinic360.records.record_writes import RecordCreate, RecordWritten
from clinic360.records.schemas import (
    DoctorSummary,
    PersonRef,
    RecordAmend,
    RecordOut,
    RecordVersionOut,
)
from clinic360.records.versioning import advance, ensure_base, insert_version

# Built once: an alias made per call costs milliseconds of SQLAlchemy adaptation per query
# (profiled in bench/bench_patient_page.py), the same alias reused costs nothing.
AMENDER = aliased(User, name="amender")


def create_record(doctor: User, data: RecordCreate) -> RecordWritten:
    """Write version 1 of a new record for a patient in the doctor's care.

    Raises Forbidden/DoctorNotApproved, NotFound (patient not in the doctor's care) or
    AppointmentMismatch (422: appointment not a non-cancelled one of this patient with this
    doctor; the composite foreign key enforces the same in the database). With
    `data.medication`, the medication list entry is added in the same transaction (its 422s
    or `chart_limit_reached` roll the record back too).
    """
    with transaction() as session:
        ensure_may_read_patient(session, doctor, data.patient_id)
        if data.appointment_id is not None and not is_visit_between(
            session, data.appointment_id, doctor.id, data.patient_id
        ):
            raise AppointmentMismatch()
        record = MedicalRecord(
            patient_id=data.patient_id,
            doctor_id=doctor.id,
            appointment_id=data.appointment_id,
            created_at=utcnow(),
            current_version=1,
        )
        try:
            session.add(record)
            session.flush()
        except IntegrityError:  # the appointment changed hands between check and insert
            raise AppointmentMismatch() from None
        version = RecordVersion(
            record_id=record.id,
            version=1,
            diagnosis=data.diagnosis,
            prescription=data.prescription,
            notes=data.notes,
            content_sha256=content_sha256(
                record.id, 1, data.diagnosis, data.prescription, data.notes
            ),
        )
        session.add(version)
        session.flush()
        record_access(session, doctor, AuditAction.RECORD_CREATE, [record.patient_id], record.id)
        medication = None
        texts = [data.prescription]
        if data.medication is not None:
            medication = insert_item(session, doctor, MEDICATIONS, data.patient_id, data.medication)
            assert isinstance(medication, MedicationOut)
            if medication.status == "active":
                texts.append(medication.name)
        warnings = allergy_warnings(session, record.patient_id, texts)
    return RecordWritten(
        **dict(_record_out(record, version, doctor)), warnings=warnings, medication=medication
    )


def list_records(
    user: User, patient_id: int, limit: int, offset: int
) -> tuple[list[RecordOut], int]:
    """The patient's records (current versions), newest first, and their total.

    Raises Forbidden/DoctorNotApproved/NotFound as `ensure_may_read_patient`.
    """
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        record_access(session, user, AuditAction.RECORDS_LIST, [patient_id])
        total = session.scalar(
            select(func.count())
            .select_from(MedicalRecord)
            .where(MedicalRecord.patient_id == patient_id)
        )
        rows = session.execute(
            _current_versions()
            .where(MedicalRecord.patient_id == patient_id)
            .order_by(MedicalRecord.created_at.desc(), MedicalRecord.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        ensure_intact([version for _, version, _ in rows])
    return [_record_out(record, version, author) for record, version, author in rows], total or 0


def records_with_versions(
    session: Session, patient_id: int
) -> list[tuple[MedicalRecord, RecordVersion, User]]:
    """All of a patient's records with their current version and author, oldest first.

    For other services of this domain (FHIR export) that have already authorised and audited.
    """
    rows = session.execute(
        _current_versions()
        .where(MedicalRecord.patient_id == patient_id)
        .order_by(MedicalRecord.created_at, MedicalRecord.id)
    ).all()
    result = [(record, version, author) for record, version, author in rows]
    ensure_intact([version for _, version, _ in result])
    return result


def records_out(session: Session, patient_id: int, ids: Iterable[int]) -> list[RecordOut]:
    """The patient's records with these ids at their current version, in one query (for
    services of this domain that have authorised and audited already: the timeline)."""
    wanted = list(ids)
    if not wanted:
        return []
    rows = session.execute(
        _current_versions().where(
            MedicalRecord.patient_id == patient_id, MedicalRecord.id.in_(wanted)
        )
    ).all()
    ensure_intact([version for _, version, _ in rows])
    return [_record_out(record, version, author) for record, version, author in rows]


def amend_record(doctor: User, record_id: int, data: RecordAmend) -> RecordWritten:
    """Add the next version of a record the doctor wrote; the previous versions stay.

    Raises NotFound (no such record, or its patient not visible to the doctor), NotAuthor
    (403: another doctor's record), VersionConflict (409: `baseVersion` is stale).
    """
    ensure_active_doctor(doctor)
    with transaction() as session:
        record = session.scalar(
            select(MedicalRecord)
            .where(MedicalRecord.id == record_id)
            .with_for_update(key_share=True)
        )
        if record is None:
            raise NotFound()
        ensure_may_read_patient(session, doctor, record.patient_id)
        if record.doctor_id != doctor.id:
            raise NotAuthor()
        seen = record.current_version
        ensure_base(data.base_version, seen)
        current = session.get(RecordVersion, (record.id, seen))
        assert current is not None  # every head has its current version (same transaction)
        ensure_intact([current])
        fields = data.model_fields_set
        diagnosis = data.diagnosis if data.diagnosis is not None else current.diagnosis
        prescription = data.prescription if "prescription" in fields else current.prescription
        notes = data.notes if "notes" in fields else current.notes
        advance(session, MedicalRecord, record.id, seen)
        version = RecordVersion(
            record_id=record.id,
            version=seen + 1,
            diagnosis=diagnosis,
            prescription=prescription,
            notes=notes,
            amended_at=utcnow(),
            amended_by=doctor.id,
            amendment_reason=data.reason,
            content_sha256=content_sha256(record.id, seen + 1, diagnosis, prescription, notes),
        )
        insert_version(session, version)
        warnings = allergy_warnings(session, record.patient_id, [prescription])
        record_access(session, doctor, AuditAction.RECORD_AMEND, [record.patient_id], record.id)
    return RecordWritten(**dict(_record_out(record, version, doctor)), warnings=warnings)


def record_history(user: User, record_id: int) -> list[RecordVersionOut]:
    """Every version of a record, oldest first (same visibility as the patient's records).

    Raises NotFound (no such record, or not visible), Forbidden/DoctorNotApproved.
    """
    if user.role != Role.PATIENT.value:  # account state first: the id must not matter
        ensure_active_doctor(user)
    with transaction() as session:
        patient_id = session.scalar(
            select(MedicalRecord.patient_id).where(MedicalRecord.id == record_id)
        )
        if patient_id is None:
            raise NotFound()
        ensure_may_read_patient(session, user, patient_id)
        record_access(session, user, AuditAction.RECORD_READ_HISTORY, [patient_id], record_id)
        amender = AMENDER
        rows = session.execute(
            select(RecordVersion, amender.full_name)
            .outerjoin(amender, amender.id == RecordVersion.amended_by)
            .where(RecordVersion.record_id == record_id)
            .order_by(RecordVersion.version)
        ).all()
        ensure_intact([version for version, _ in rows])
    return [
        RecordVersionOut(
            record_id=version.record_id,
            version=version.version,
            diagnosis=version.diagnosis,
            prescription=version.prescription,
            notes=version.notes,
            amended_at=version.amended_at,
            amended_by=(
                PersonRef(id=version.amended_by, full_name=name)
                if version.amended_by is not None and name is not None
                else None
            ),
            reason=version.amendment_reason,
            content_sha256=version.content_sha256,
        )
        for version, name in rows
    ]


def _current_versions() -> Select[MedicalRecord, RecordVersion, User]:
    return (
        select(MedicalRecord, RecordVersion, User)
        .join(
            RecordVersion,
            and_(
                RecordVersion.record_id == MedicalRecord.id,
                RecordVersion.version == MedicalRecord.current_version,
            ),
        )
        .join(User, User.id == MedicalRecord.doctor_id)
    )


def _record_out(record: MedicalRecord, version: RecordVersion, author: User) -> RecordOut:
    return RecordOut(
        id=record.id,
        patient_id=record.patient_id,
        doctor_id=record.doctor_id,
        appointment_id=record.appointment_id,
        doctor=DoctorSummary(
            id=author.id, full_name=author.full_name, specialization=author.specialization
        ),
        diagnosis=version.diagnosis,
        prescription=version.prescription,
        notes=version.notes,
        created_at=record.created_at,
        version=version.version,
        amended_at=version.amended_at,
    )
