"""The selects behind one page of a patient's timeline (`timeline.py`): per kind, the
`(id, at, version, rank)` of the patient's items of that kind, and the keyset bound that keeps
each to the items after the cursor, in timeline order, a page's worth.

Order: `at` desc, then kind (`TIMELINE_KINDS`, a later kind first), id desc, version desc;
`Position` is an item's place in it and its cursor text
(`<epoch microseconds>.<kind rank>.<id>.<version>`).

The selects take the patient, the doctor and the bound as SQL parameters (`PATIENT`,
`DOCTOR`, `BOUND_*`, `SIZE`), so one page's statement is built once per shape and reused:
building it anew for each read cost more than running it (profiled in
bench/bench_patient_page.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, literal_column, or_, select
from sqlalchemy.sql.elements import BindParameter

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

PATIENT: BindParameter[int] = bindparam("patient_id", type_=Integer)
DOCTOR: BindParameter[int] = bindparam("doctor_id", type_=Integer)
SIZE: BindParameter[int] = bindparam("size", type_=Integer)
BOUND_AT: BindParameter[datetime] = bindparam("bound_at")  # each comparison types its copy
BOUND_ID: BindParameter[int] = bindparam("bound_id", type_=Integer)
BOUND_VERSION: BindParameter[int] = bindparam("bound_version", type_=Integer)


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

    def parameters(self) -> dict[str, Any]:
        """The values of the `BOUND_*` parameters: the page starts after this item."""
        return {"bound_at": self.at, "bound_id": self.id, "bound_version": self.version}


def _rank(kind: str) -> Any:
    return literal_column(str(RANK[kind]), Integer).label("rank")


def _zero() -> Any:
    return literal_column("0", Integer).label("version")


def _intakes(by_doctor: bool) -> Select[Any]:
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
        .where(IntakeResponse.patient_id == PATIENT)
    )  # fmt: skip
    if by_doctor:
        query = query.join(Appointment, Appointment.id == IntakeResponse.appointment_id).where(
            Appointment.doctor_id == DOCTOR
        )
    return query


def sources(by_doctor: bool) -> list[tuple[str, Select[Any]]]:
    """Per kind, `(id, at, version, rank)` of the `PATIENT`'s items of that kind (a doctor's
    timeline, `by_doctor`: only the `DOCTOR`'s own visits and intakes)."""
    visits = timeline_visits(PATIENT, DOCTOR if by_doctor else None)
    visits = visits.add_columns(_zero(), _rank("visit"))
    records = select(
        MedicalRecord.id.label("id"), MedicalRecord.created_at.label("at"), _zero(),
        _rank("record"),
    ).where(MedicalRecord.patient_id == PATIENT)  # fmt: skip
    amended = (
        select(
            RecordVersion.record_id.label("id"),
            RecordVersion.amended_at.label("at"),
            RecordVersion.version.label("version"),
            _rank("record_amended"),
        )
        .join(MedicalRecord, MedicalRecord.id == RecordVersion.record_id)
        .where(MedicalRecord.patient_id == PATIENT, RecordVersion.version > 1)
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
        .where(ChartEntry.patient_id == PATIENT, ChartEntry.kind == ChartKind.VITAL.value)
    )
    documents = select(
        Document.id.label("id"), Document.uploaded_at.label("at"), _zero(), _rank("document")
    ).where(Document.patient_id == PATIENT)
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
            .where(ChartEntry.patient_id == PATIENT, ChartEntry.kind == chart.kind.value)
        )
        found.append((kind, changes))
    found.append(("intake", _intakes(by_doctor)))
    return found


def bounded(query: Select[Any], kind: str, bound_rank: int | None) -> Select[Any]:
    """The kind's items after the `BOUND_*` position (of a kind of rank `bound_rank`; None:
    from the newest) in timeline order, the first `SIZE` of them."""
    columns = query.selected_columns
    at, ident, version = columns.at, columns.id, columns.version
    rank = RANK[kind]
    if bound_rank is not None:
        if rank < bound_rank:
            query = query.where(at <= BOUND_AT)
        elif rank > bound_rank:
            query = query.where(at < BOUND_AT)
        else:
            query = query.where(
                or_(
                    at < BOUND_AT,
                    and_(
                        at == BOUND_AT,
                        or_(ident < BOUND_ID, and_(ident == BOUND_ID, version < BOUND_VERSION)),
                    ),
                )
            )
    limited = query.order_by(at.desc(), ident.desc(), version.desc()).limit(SIZE).subquery()
    return select(limited.c.id, limited.c.at, limited.c.version, limited.c.rank)
