"""Small look-ups other domains need about records, without reading the records tables."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinic360.records.models import MedicalRecord


def record_dates(
    session: Session, patient_id: int, record_ids: Collection[int]
) -> dict[int, datetime]:
    """When each of these records of this patient was written (others are left out).

    Registered with the audit domain (`audit.labels.provide_record_dates`) at start-up, to
    name records in the patient's access log by their day; no clinical content is read.
    """
    if not record_ids:
        return {}
    rows = session.execute(
        select(MedicalRecord.id, MedicalRecord.created_at).where(
            MedicalRecord.patient_id == patient_id, MedicalRecord.id.in_(record_ids)
        )
    ).all()
    return {record_id: created_at for record_id, created_at in rows}
