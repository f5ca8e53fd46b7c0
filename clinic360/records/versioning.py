"""Moving a versioned head (a medical record, a chart entry, a document) to its next version,
the one way all do it: the caller has locked the head; a stale `baseVersion` is refused; the head's
`current_version` moves by compare-and-swap; the next version is inserted, unique on
(head, version). Any step that loses a race raises VersionConflict (409)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinic360.records.chart_models import ChartEntry
from clinic360.records.documents_models import Document
from clinic360.records.errors import VersionConflict
from clinic360.records.intake_models import IntakeResponse
from clinic360.records.models import MedicalRecord


def ensure_base(base_version: int | None, seen: int) -> None:
    """VersionConflict when the client edited another version than the current one."""
    if base_version is not None and base_version != seen:
        raise VersionConflict()


def advance(
    session: Session,
    head: type[MedicalRecord | ChartEntry | Document | IntakeResponse],
    head_id: int,
    seen: int,
) -> int:
    """Move the head from version `seen` to the next one; returns the next number."""
    moved = session.execute(
        update(head)
        .where(head.id == head_id, head.current_version == seen)
        .values(current_version=seen + 1)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise VersionConflict()
    return seen + 1


def insert_version(session: Session, version: Any) -> None:
    """Insert the new version row; its (head, version) taken means another amendment won."""
    try:
        session.add(version)
        session.flush()
    except IntegrityError:
        raise VersionConflict() from None
