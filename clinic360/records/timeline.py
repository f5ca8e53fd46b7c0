"""A patient's timeline: visits, records and their amendments, vitals, documents, the
changes to the allergy, problem and medication lists and the answered intake questionnaires,
merged newest first, keyset-paged.

One page is one UNION ALL of small selects, one per kind (`timeline_sources.py`), each
bounded by the cursor, ordered on its (patient, time) index and limited to the page size plus
one; the outer select orders the union and keeps the page. Then one query per kind present
fetches that kind's details (no query per item). Order: `at` desc, then kind
(`TIMELINE_KINDS`, a later kind first), id desc, version desc; the cursor `nextBefore` is the
last item's position
(`<epoch microseconds>.<kind rank>.<id>.<version>`), so a page never repeats or skips an
item whatever is written meanwhile.

Who: the patient, or a doctor in their care (`care.ensure_may_read_patient`); a doctor sees
only their own visits and their intakes (as on the patient page) and everything else of the
chart. An intake item says which appointment's questionnaire was answered, when, by whom and
how many answers, never the answers (they are on the appointment). One access-log row per
page read, in the same transaction, before anything leaves it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, datetime
from functools import cache
from typing import Any

from flask import current_app
from sqlalchemy import Select, select, tuple_, union_all
from sqlalchemy.orm import Session, aliased

from clinic360.accounts.models import Role, User
from clinic360.appointments.models import Appointment
from clinic360.appointments.queries import appointments_by_id
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.db import transaction
from clinic360.records.care import ensure_may_read_patient
from clinic360.records.chart import ChartList, entries_out, item_out
from clinic360.records.chart_models import ChartEntry
from clinic360.records.documents import documents_out
from clinic360.records.intake_models import IntakeResponse, IntakeResponseVersion
from clinic360.records.integrity import ensure_intact
from clinic360.records.models import RecordVersion
from clinic360.records.schemas import PersonRef, RecordVersionOut
from clinic360.records.service import records_out
from clinic360.records.timeline_schemas import (
    TimelineIntake,
    TimelineItem,
    TimelinePage,
    TimelineVisit,
)
from clinic360.records.timeline_sources import LISTS, RANK, SIZE, Position, bounded, sources
from clinic360.records.vitals import VITALS

# Built once: an alias made per call costs milliseconds of SQLAlchemy adaptation per query
# (profiled in bench/bench_patient_page.py), the same alias reused costs nothing.
DOCTOR = aliased(User, name="doctor")
WRITER = aliased(User, name="writer")
CREATOR = aliased(User, name="creator")
AMENDER = aliased(User, name="amender")


RECORD_FIELDS = ("diagnosis", "prescription", "notes")


def patient_timeline(
    user: User, patient_id: int, before: str | None, limit: int | None
) -> TimelinePage:
    """One page of the patient's timeline, newest first. Raises Forbidden/DoctorNotApproved/
    NotFound as `ensure_may_read_patient`."""
    cap: int = current_app.config["TIMELINE_PAGE_SIZE"]
    size = min(limit or cap, cap)
    bound = Position.parse(before) if before is not None else None
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        record_access(session, user, AuditAction.TIMELINE_READ, [patient_id])
        by_doctor = user.role == Role.DOCTOR.value
        parameters: dict[str, Any] = {"patient_id": patient_id, "size": size + 1}
        if by_doctor:
            parameters["doctor_id"] = user.id
        if bound is not None:
            parameters.update(bound.parameters())
        query = _page_query(by_doctor, bound.rank if bound is not None else None)
        rows = session.execute(query, parameters).all()
        positions = [Position(_utc(at), rank, ident, version) for at, rank, ident, version in rows]
        page = positions[:size]
        items = _items(session, patient_id, page)
    following = page[-1].cursor() if len(positions) > size else None
    return TimelinePage(items=items, next_before=following)


@cache
def _page_query(by_doctor: bool, bound_rank: int | None) -> Select[Any]:
    """One page's statement: the kinds' bounded selects in one UNION ALL, in timeline order,
    `SIZE` rows; built once per shape (a doctor's or not, the bound's kind), values bound."""
    merged = union_all(*(bounded(q, kind, bound_rank) for kind, q in sources(by_doctor)))
    page = merged.subquery()
    return (
        select(page.c.at, page.c.rank, page.c.id, page.c.version)
        .order_by(page.c.at.desc(), page.c.rank.desc(), page.c.id.desc(), page.c.version.desc())
        .limit(SIZE)
    )


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _items(session: Session, patient_id: int, page: list[Position]) -> list[TimelineItem]:
    """The page's items with their details: one query per kind present."""
    kind_of = {rank: kind for kind, rank in RANK.items()}
    wanted: dict[str, list[Position]] = defaultdict(list)
    for position in page:
        wanted[kind_of[position.rank]].append(position)
    details: dict[tuple[str, int, int], dict[str, Any]] = {}

    def ids(kind: str) -> list[int]:
        return [p.id for p in wanted[kind]]

    if wanted["visit"]:
        for visit in _visits(session, ids("visit")):
            details[("visit", visit.id, 0)] = {"visit": visit}
    for record in records_out(session, patient_id, ids("record")):
        details[("record", record.id, 0)] = {"record": record}
    pairs = [(p.id, p.version) for p in wanted["record_amended"]]
    for key, (amendment, changed) in _amendments(session, pairs).items():
        details[("record_amended", *key)] = {"amendment": amendment, "changed": changed}
    if wanted["vital"]:
        vitals, _ = entries_out(session, VITALS, patient_id, None, ids=ids("vital"))
        for vital in vitals:
            details[("vital", vital.id, 0)] = {"vital": vital}
    if wanted["document"]:
        documents, _ = documents_out(session, patient_id, ids=ids("document"))
        for document in documents:
            details[("document", document.id, 0)] = {"document": document}
    for kind, chart in LISTS.items():
        versions = [(p.id, p.version) for p in wanted[kind]]
        found = _list_changes(session, chart, patient_id, versions)
        for (ident, number), (entry, fields) in found.items():
            details[(kind, ident, number)] = {kind: entry, "changed": fields}
    for intake in _intakes(session, ids("intake")):
        details[("intake", intake.response_id, 0)] = {"intake": intake}
    items = []
    for position in page:
        kind = kind_of[position.rank]
        suffix = f":{position.version}" if position.version else ""
        items.append(
            TimelineItem.model_validate(
                {
                    "kind": kind,
                    "at": position.at,
                    "key": f"{kind}:{position.id}{suffix}",
                    **details[(kind, position.id, position.version)],
                }
            )
        )
    return items


def _visits(session: Session, wanted: list[int]) -> list[TimelineVisit]:
    appointments = appointments_by_id(session, wanted)
    doctors = {a.doctor_id for a in appointments}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(doctors))).all()
    names = {ident: name for ident, name in rows}
    return [
        TimelineVisit(
            id=a.id,
            doctor=PersonRef(id=a.doctor_id, full_name=names[a.doctor_id]),
            start_time=a.start_time,
            end_time=a.end_time,
            status=a.status,
        )
        for a in appointments
    ]


def _intakes(session: Session, wanted: list[int]) -> list[TimelineIntake]:
    """These intake responses: their appointment and its doctor, and who wrote the current
    answers when, with how many answers (not the answers), in one query."""
    if not wanted:
        return []
    doctor, writer = DOCTOR, WRITER
    rows = session.execute(
        select(IntakeResponse, IntakeResponseVersion, Appointment, doctor.full_name,
               writer.full_name)
        .join(IntakeResponseVersion, (IntakeResponseVersion.response_id == IntakeResponse.id)
              & (IntakeResponseVersion.version == IntakeResponse.current_version))
        .join(Appointment, Appointment.id == IntakeResponse.appointment_id)
        .join(doctor, doctor.id == Appointment.doctor_id)
        .join(writer, writer.id == IntakeResponseVersion.written_by)
        .where(IntakeResponse.id.in_(wanted))
    ).all()  # fmt: skip
    return [
        TimelineIntake(
            response_id=head.id,
            appointment_id=visit.id,
            doctor=PersonRef(id=visit.doctor_id, full_name=doctor_name),
            visit_start=visit.start_time,
            version=head.current_version,
            written_at=version.written_at,
            written_by=PersonRef(id=version.written_by, full_name=writer_name),
            answered=len(version.answers),
        )
        for head, version, visit, doctor_name, writer_name in rows
    ]


def _with_previous(pairs: Collection[tuple[int, int]]) -> list[tuple[int, int]]:
    return [*pairs, *((ident, version - 1) for ident, version in pairs)]


def _amendments(
    session: Session, pairs: list[tuple[int, int]]
) -> dict[tuple[int, int], tuple[RecordVersionOut, list[str]]]:
    """These record versions (each > 1) with the fields they changed, in one query."""
    if not pairs:
        return {}
    amender = AMENDER
    rows = session.execute(
        select(RecordVersion, amender.full_name)
        .outerjoin(amender, amender.id == RecordVersion.amended_by)
        .where(tuple_(RecordVersion.record_id, RecordVersion.version).in_(_with_previous(pairs)))
    ).all()
    ensure_intact([version for version, _ in rows])
    found = {(v.record_id, v.version): (v, name) for v, name in rows}
    result = {}
    for ident, number in pairs:
        version, name = found[(ident, number)]
        before, _ = found[(ident, number - 1)]
        changed = [f for f in RECORD_FIELDS if getattr(version, f) != getattr(before, f)]
        assert version.amended_by is not None and name is not None  # version > 1: CHECK
        result[(ident, number)] = (
            RecordVersionOut(
                record_id=ident,
                version=number,
                diagnosis=version.diagnosis,
                prescription=version.prescription,
                notes=version.notes,
                amended_at=version.amended_at,
                amended_by=PersonRef(id=version.amended_by, full_name=name),
                reason=version.amendment_reason,
                content_sha256=version.content_sha256,
            ),
            changed,
        )
    return result


def _list_changes(
    session: Session, chart: ChartList, patient_id: int, pairs: list[tuple[int, int]]
) -> dict[tuple[int, int], tuple[Any, list[str] | None]]:
    """These versions of the list's entries, each with the fields it changed (None for a
    version 1), in one query."""
    if not pairs:
        return {}
    model: Any = chart.model
    creator, writer = CREATOR, WRITER
    rows = session.execute(
        select(ChartEntry, model, creator.full_name, writer.full_name)
        .join(model, model.entry_id == ChartEntry.id)
        .join(creator, creator.id == ChartEntry.created_by)
        .join(writer, writer.id == model.written_by)
        .where(
            ChartEntry.patient_id == patient_id,
            ChartEntry.kind == chart.kind.value,
            tuple_(model.entry_id, model.version).in_(_with_previous(pairs)),
        )
    ).all()
    found = {(row[0].id, row[1].version): row for row in rows}
    fields = (*chart.fields, "status")
    result: dict[tuple[int, int], tuple[Any, list[str] | None]] = {}
    for ident, number in pairs:
        entry, version, created_by, written_by = found[(ident, number)]
        previous = found.get((ident, number - 1))
        changed = (
            [f for f in fields if getattr(version, f) != getattr(previous[1], f)]
            if previous is not None
            else None
        )
        result[(ident, number)] = (
            item_out(
                chart,
                chart.out_schema,
                entry,
                version,
                PersonRef(id=entry.created_by, full_name=created_by),
                PersonRef(id=version.written_by, full_name=written_by),
            ),
            changed,
        )
    return result
