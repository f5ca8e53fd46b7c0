"""The selects behind one page of a patient's timeline (`timeline.py`): per kind, the
`(id, at, version, rank)` of the patient's items of that kind, and the keyset bound that keeps
each to the items after the cursor, in timeline order, a page's worth.

Order: `at` desc, then kind (`TIMELINE_KINDS`, a later kind first), id desc, version desc;
`Position` is an item's place in it and its cursor text
(`<epoch microseconds>.<kind rank>.<id>.<version>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, Select, and_, literal_column, or_, select

from clinic360.appointments.models import Appointment
from clinic360.appointments.queries import timeline_visits
from clinic360.records.allergies import ALLERGIES
from clinic360.records.chart import ChartList
from clinic360.records.chart_models import ChartEntry, ChartKind, VitalVersion
from clinic360.records.documents_models import Document
from clinic360.records.intake_models import IntakeResponse, IntakeResponseVersion
from clinic360.records.medications import MEDICATIONS
from clinic360.records.models import MedicalRecord, RecordVersion
from clinic360.records.problems import PROBLEMS
from clinic360.records.timeline_schemas import TIMELINE_KINDS

RANK = {kind: rank for rank, kind in enumerate(TIMELINE_KINDS, start=1)}
LISTS: dict[str, ChartList] = {"allergy": ALLERGIES, "problem": PROBLEMS, "medication": MEDICATIONS}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, order=True)
class Position:
    """Where an item sits in the timeline (its sort key), and the cursor that names it."""

    at: datetime
    rank: int
    id: int
    version: int

    @classmethod
    def parse(cls, text: str) -> Position:
        micros, rank, ident, version = text.split(".")  # the query's pattern checked it
        return cls(EPOCH + timedelta(microseconds=int(micros)), int(rank), int(ident), int(version))

    def cursor(self) -> str:
        micros = (self.at - EPOCH) // timedelta(microseconds=1)
        return f"{micros}.{self.rank}.{self.id}.{self.version}"


def _rank(kind: str) -> Any:
    return literal_column(str(RANK[kind]), Integer).label("rank")


def _zero() -> Any:
    return literal_column("0", Integer).label("version")


def _intakes(patient_id: int, doctor_id: int | None) -> Select[Any]:
    """One item per answered questionnaire (an appointment's intake), at its current
    answers' time; a doctor's timeline holds only those of their own appointments."""
    query = (
        select(
            IntakeResponse.id.label("id"), IntakeResponseVersion.written_at.label("at"), _zero(),
            _rank("intake"),
        )
        .join(
            IntakeResponseVersion,
            and_(
                IntakeResponseVersion.response_id == IntakeResponse.id,
                IntakeResponseVersion.version == IntakeResponse.current_version,
            ),
        )
        .where(IntakeResponse.patient_id == patient_id)
    )  # fmt: skip
    if doctor_id is not None:
        query = query.join(Appointment, Appointment.id == IntakeResponse.appointment_id).where(
            Appointment.doctor_id == doctor_id
        )
    return query


def sources(patient_id: int, doctor_id: int | None) -> list[tuple[str, Select[Any]]]:
    """Per kind, `(id, at, version, rank)` of the patient's items of that kind (a doctor's
    timeline: only their own visits and intakes)."""
    visits = timeline_visits(patient_id, doctor_id).add_columns(_zero(), _rank("visit"))
    records = select(
        MedicalRecord.id.label("id"), MedicalRecord.created_at.label("at"), _zero(),
        _rank("record"),
    ).where(MedicalRecord.patient_id == patient_id)  # fmt: skip
    amended = (
        select(
            RecordVersion.record_id.label("id"),
            RecordVersion.amended_at.label("at"),
            RecordVersion.version.label("version"),
            _rank("record_amended"),
        )
        .join(MedicalRecord, MedicalRecord.id == RecordVersion.record_id)
        .where(MedicalRecord.patient_id == patient_id, RecordVersion.version > 1)
    )
    vitals = (
        select(
            ChartEntry.id.label("id"), VitalVersion.taken_at.label("at"), _zero(), _rank("vital")
        )
        .join(
            VitalVersion,
            and_(
                VitalVersion.entry_id == ChartEntry.id,
                VitalVersion.version == ChartEntry.current_version,
            ),
        )
        .where(ChartEntry.patient_id == patient_id, ChartEntry.kind == ChartKind.VITAL.value)
    )
    documents = select(
        Document.id.label("id"), Document.uploaded_at.label("at"), _zero(), _rank("document")
    ).where(Document.patient_id == patient_id)
    found = [
        ("visit", visits), ("record", records), ("record_amended", amended),
        ("vital", vitals), ("document", documents),
    ]  # fmt: skip
    for kind, chart in LISTS.items():
        model: Any = chart.model
        changes = (
            select(
                ChartEntry.id.label("id"),
                model.written_at.label("at"),
                model.version.label("version"),
                _rank(kind),
            )
            .join(model, model.entry_id == ChartEntry.id)
            .where(ChartEntry.patient_id == patient_id, ChartEntry.kind == chart.kind.value)
        )
        found.append((kind, changes))
    found.append(("intake", _intakes(patient_id, doctor_id)))
    return found


def bounded(query: Select[Any], kind: str, bound: Position | None, size: int) -> Select[Any]:
    """The kind's items after `bound` in timeline order, the first `size` of them."""
    columns = query.selected_columns
    at, ident, version = columns.at, columns.id, columns.version
    rank = RANK[kind]
    if bound is not None:
        if rank < bound.rank:
            query = query.where(at <= bound.at)
        elif rank > bound.rank:
            query = query.where(at < bound.at)
        else:
            query = query.where(
                or_(
                    at < bound.at,
                    and_(
                        at == bound.at,
                        or_(ident < bound.id, and_(ident == bound.id, version < bound.version)),
                    ),
                )
            )
    limited = query.order_by(at.desc(), ident.desc(), version.desc()).limit(size).subquery()
    return select(limited.c.id, limited.c.at, limited.c.version, limited.c.rank)
