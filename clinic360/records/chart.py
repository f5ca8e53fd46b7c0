"""The chart lists' one versioning pattern: add, list, amend, history, for any list.

A list is described once by a `ChartList` (its version table, fields, value sets, schemas,
rules); allergies.py, problems.py, medications.py and vitals.py each build one. Every public
function owns one transaction, authorises through `care` (the doctor must be active and in
care to write or read; the patient reads their own), checks the list's rules on the values
as they will be stored (nothing is written when one fails), and writes its access-log row in
the same transaction before any clinical content leaves it (fail closed).

Amendments are serialised like record amendments: the entry head is locked (`FOR NO KEY
UPDATE` on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises writers), `current_version` moves
by compare-and-swap, and the next version is inserted, unique on (entry_id, version)
(`versioning.py`, shared with records).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from clinic360.accounts.models import User
from clinic360.audit.models import AuditAction
from clinic360.audit.service import record_access
from clinic360.core.clock import utcnow
from clinic360.core.db import page_total, transaction
from clinic360.core.errors import NotFound
from clinic360.records.care import ensure_active_doctor, ensure_may_read_patient
from clinic360.records.chart_models import ChartEntry, ChartKind, EntryVersion
from clinic360.records.chart_rules import ensure_code, validate
from clinic360.records.chart_schemas import AllergyWarning, AmendBase, ChartItemOut
from clinic360.records.errors import ChartLimitReached
from clinic360.records.schemas import PersonRef
from clinic360.records.versioning import advance, ensure_base, insert_version

# Built once: an alias made per call costs milliseconds of SQLAlchemy adaptation per query
# (profiled in bench/bench_patient_page.py), the same alias reused costs nothing.
CREATOR = aliased(User, name="creator")
WRITER = aliased(User, name="writer")


Values = dict[str, Any]
WarningsOf = Callable[[Session, int, Values], list[AllergyWarning]]


def _no_rules(values: Values, now: datetime) -> None:
    return None


def _nothing_derived(version: Any) -> Values:
    return {}


@dataclass(frozen=True)
class ChartList:
    """One chart list: where its versions live and what its entries may hold."""

    kind: ChartKind
    path: str
    """The list's segment in `/api/patients/:id/<path>` and its plural in audit actions."""
    model: type[EntryVersion]
    fields: tuple[str, ...]
    """Content columns of a version (snake_case), besides `status`."""
    required: tuple[str, ...]
    statuses: tuple[str, ...]
    default_status: str
    create_schema: type[Any]
    amend_schema: type[AmendBase]
    out_schema: type[ChartItemOut]
    written_schema: type[ChartItemOut]
    """The answer of a write: `out_schema` plus `warnings`."""
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Other coded fields (severity) and their value sets."""
    check: Callable[[Values, datetime], None] = _no_rules
    """The list's own rules on the values about to be stored; raises a ValidationFailed."""
    derive: Callable[[Any], Values] = _nothing_derived
    """Fields computed from a version for the answer (the BMI of a vitals entry)."""
    newest_first: Callable[[type[EntryVersion]], Sequence[Any]] = lambda model: (
        ChartEntry.created_at.desc(),
        ChartEntry.id.desc(),
    )
    warnings: WarningsOf | None = None

    def action(self, verb: str) -> AuditAction:
        return AuditAction(f"{self.path}.list" if verb == "list" else f"{self.kind.value}.{verb}")


def add_item(doctor: User, chart: ChartList, patient_id: int, data: Any) -> ChartItemOut:
    """Version 1 of a new entry in the patient's list. Raises Forbidden/DoctorNotApproved,
    NotFound (patient not in the doctor's care), the list's 422s, ChartLimitReached."""
    ensure_active_doctor(doctor)
    with transaction() as session:
        ensure_may_read_patient(session, doctor, patient_id)
        item = insert_item(session, doctor, chart, patient_id, data)
        values = item.model_dump(include={*chart.fields, "status"})
        warnings = chart.warnings(session, patient_id, values) if chart.warnings else []
    return chart.written_schema.model_validate({**item.model_dump(), "warnings": warnings})


def insert_item(
    session: Session, doctor: User, chart: ChartList, patient_id: int, data: Any
) -> ChartItemOut:
    """Write version 1 of a new entry and its access-log row inside the caller's
    transaction (which has authorised `doctor` for the patient); raises the list's 422s or
    ChartLimitReached before anything is written."""
    now = utcnow()
    values = {"status": chart.default_status, **data.model_dump(include={*chart.fields, "status"})}
    validate(chart, values, now)
    held = session.scalar(
        select(func.count())
        .select_from(ChartEntry)
        .where(ChartEntry.patient_id == patient_id, ChartEntry.kind == chart.kind.value)
    )
    if (held or 0) >= current_app.config["CHART_MAX_ENTRIES_PER_LIST"]:
        raise ChartLimitReached({chart.path: "this list is full"})
    entry = ChartEntry(
        kind=chart.kind.value,
        patient_id=patient_id,
        created_by=doctor.id,
        created_at=now,
        current_version=1,
    )
    session.add(entry)
    session.flush()
    version = _new_version(chart, entry.id, 1, doctor, now, None, values)
    session.add(version)
    session.flush()
    record_access(session, doctor, chart.action("add"), [patient_id])
    author = PersonRef(id=doctor.id, full_name=doctor.full_name)
    return item_out(chart, chart.out_schema, entry, version, author, author)


def list_items(
    user: User, chart: ChartList, patient_id: int, status: str | None, limit: int, offset: int
) -> tuple[list[ChartItemOut], int]:
    """The patient's entries (current versions), newest first, and their total; `status`
    keeps only the entries with that status. Raises as `ensure_may_read_patient`."""
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        if status is not None:
            ensure_code("status", status, chart.statuses)
        record_access(session, user, chart.action("list"), [patient_id])
        return entries_out(session, chart, patient_id, [status] if status else None, limit, offset)


def entries_out(
    session: Session,
    chart: ChartList,
    patient_id: int,
    statuses: Sequence[str] | None,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> tuple[list[ChartItemOut], int]:
    """The patient's entries of this list as answers (only those of `ids` when given), newest
    first, and their total (`page_total`; for services of this domain that have authorised
    and audited already)."""
    query = current_entries(chart, patient_id, statuses).where(*among(ChartEntry.id, ids))
    creator, writer = CREATOR, WRITER
    rows = session.execute(
        query.add_columns(creator.full_name, writer.full_name)
        .join(creator, creator.id == ChartEntry.created_by)
        .join(writer, writer.id == chart.model.written_by)
        .order_by(*chart.newest_first(chart.model))
        .limit(limit)
        .offset(offset)
    ).all()
    items = [
        item_out(
            chart,
            chart.out_schema,
            entry,
            version,
            PersonRef(id=entry.created_by, full_name=created_by),
            PersonRef(id=version.written_by, full_name=written_by),
        )
        for entry, version, created_by, written_by in rows
    ]
    return items, page_total(session, query, len(items), limit, offset)


def amend_item(
    doctor: User, chart: ChartList, patient_id: int, item_id: int, data: AmendBase
) -> ChartItemOut:
    """The entry's next version (any doctor in care may amend; `reason` required); the
    earlier versions stay. Raises NotFound, VersionConflict, the list's 422s."""
    ensure_active_doctor(doctor)
    now = utcnow()
    with transaction() as session:
        ensure_may_read_patient(session, doctor, patient_id)
        entry = session.scalar(
            select(ChartEntry)
            .where(
                ChartEntry.id == item_id,
                ChartEntry.patient_id == patient_id,
                ChartEntry.kind == chart.kind.value,
            )
            .with_for_update(key_share=True)
        )
        if entry is None:
            raise NotFound()
        seen = entry.current_version
        ensure_base(data.base_version, seen)
        current = session.get(chart.model, (entry.id, seen))
        assert current is not None  # every head has its current version (same transaction)
        values = {name: getattr(current, name) for name in (*chart.fields, "status")}
        values.update(data.model_dump(include={*chart.fields, "status"}, exclude_unset=True))
        validate(chart, values, now)
        number = advance(session, ChartEntry, entry.id, seen)
        version = _new_version(chart, entry.id, number, doctor, now, data.reason, values)
        insert_version(session, version)
        warnings = chart.warnings(session, patient_id, values) if chart.warnings else []
        record_access(session, doctor, chart.action("amend"), [patient_id])
        creator = session.get(User, entry.created_by)
        assert creator is not None
        created_by = PersonRef(id=creator.id, full_name=creator.full_name)
    author = PersonRef(id=doctor.id, full_name=doctor.full_name)
    return item_out(
        chart, chart.written_schema, entry, version, created_by, author, warnings=warnings
    )


def item_history(user: User, chart: ChartList, patient_id: int, item_id: int) -> list[ChartItemOut]:
    """Every version of one entry, oldest first (same readers as the list)."""
    with transaction() as session:
        ensure_may_read_patient(session, user, patient_id)
        entry = session.scalar(
            select(ChartEntry).where(
                ChartEntry.id == item_id,
                ChartEntry.patient_id == patient_id,
                ChartEntry.kind == chart.kind.value,
            )
        )
        if entry is None:
            raise NotFound()
        record_access(session, user, chart.action("read_history"), [patient_id])
        creator = session.get(User, entry.created_by)
        assert creator is not None
        writer = WRITER
        rows = session.execute(
            select(chart.model, writer.full_name)
            .join(writer, writer.id == chart.model.written_by)
            .where(chart.model.entry_id == entry.id)
            .order_by(chart.model.version)
        ).all()
    created_by = PersonRef(id=creator.id, full_name=creator.full_name)
    return [
        item_out(
            chart,
            chart.out_schema,
            entry,
            version,
            created_by,
            PersonRef(id=version.written_by, full_name=name),
        )
        for version, name in rows
    ]


def among(column: Any, ids: Collection[int] | None) -> list[Any]:
    """`column IN ids` as a where-clause list; none when `ids` is None (no filter)."""
    return [] if ids is None else [column.in_(list(ids))]


def current_entries(
    chart: ChartList, patient_id: int, statuses: Sequence[str] | None = None
) -> Select[ChartEntry, EntryVersion]:
    """`(ChartEntry, version)` of the patient's entries of this list, at their current
    version, optionally only those with one of `statuses` (for other services of this
    domain that have authorised and audited already)."""
    query = (
        select(ChartEntry, chart.model)
        .join(
            chart.model,
            and_(
                chart.model.entry_id == ChartEntry.id,
                chart.model.version == ChartEntry.current_version,
            ),
        )
        .where(ChartEntry.patient_id == patient_id, ChartEntry.kind == chart.kind.value)
    )
    if statuses is not None:
        query = query.where(chart.model.status.in_(statuses))
    return query


def _new_version(
    chart: ChartList,
    entry_id: int,
    number: int,
    author: User,
    now: datetime,
    reason: str | None,
    values: Values,
) -> EntryVersion:
    model: Any = chart.model  # a mapped subclass of the EntryVersion mixin
    version: EntryVersion = model(
        entry_id=entry_id,
        version=number,
        written_by=author.id,
        written_at=now,
        reason=reason,
        **values,
    )
    return version


def item_out(
    chart: ChartList,
    schema: type[ChartItemOut],
    entry: ChartEntry,
    version: Any,
    created_by: PersonRef,
    updated_by: PersonRef,
    **extra: Any,
) -> ChartItemOut:
    return schema.model_validate(
        {
            **{name: getattr(version, name) for name in (*chart.fields, "status")},
            **chart.derive(version),
            "id": entry.id,
            "patient_id": entry.patient_id,
            "version": version.version,
            "created_at": entry.created_at,
            "created_by": created_by,
            "updated_at": version.written_at,
            "updated_by": updated_by,
            "reason": version.reason,
            **extra,
        }
    )
