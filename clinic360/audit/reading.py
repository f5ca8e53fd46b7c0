"""Reading the access log: a patient's events one by one, or grouped into visits.

Each event is described in words (`labels.describe`); record actions name the record by the
day it was written, looked up through the records domain's registered provider. Groups are
numbered in SQL (`grouping.numbered_events`) and paged by whole groups, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Session

from clinic360.accounts.family import Capability, ensure_may_act_for
from clinic360.accounts.models import User
from clinic360.audit.grouping import numbered_events
from clinic360.audit.labels import action_label, describe, record_dates, record_name, summarise
from clinic360.audit.models import AccessEvent, AuditAction
from clinic360.audit.schemas import (
    AccessEventOut,
    AccessGroupOut,
    ActionCount,
    Actor,
    TrailEventOut,
)
from clinic360.audit.service import record_access
from clinic360.core.db import transaction


def trail(
    limit: int, offset: int, actor_id: int | None, patient_id: int | None
) -> tuple[list[TrailEventOut], int]:
    """The clinic's audit trail, newest first (managers and admins): every access-log row,
    optionally one actor's or one patient's, with no clinical content."""
    conditions: list[ColumnElement[bool]] = []
    if actor_id is not None:
        conditions.append(AccessEvent.actor_id == actor_id)
    if patient_id is not None:
        conditions.append(AccessEvent.patient_id == patient_id)
    with transaction(write=False) as session:
        total = session.scalar(select(func.count(AccessEvent.id)).where(*conditions)) or 0
        rows = session.execute(
            select(AccessEvent, User.full_name)
            .join(User, User.id == AccessEvent.actor_id)
            .where(*conditions)
            .order_by(AccessEvent.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        events = [
            TrailEventOut(
                id=event.id,
                at=event.at,
                actor=Actor(id=event.actor_id, full_name=name, role=event.actor_role),
                patient_id=event.patient_id,
                action=event.action,
                record_id=event.record_id,
            )
            for event, name in rows
        ]
    return events, total


def _whose(session: Session, reader: User, patient_id: int | None) -> User:
    """The patient whose log `reader` reads: their own, or (`patient_id`) one they act for
    with the `records` capability (`accounts.family`); that read is itself in that patient's
    log (`access_log.read`, "X on behalf of Y"). Raises the family errors."""
    if patient_id is None or patient_id == reader.id:
        return reader
    patient = ensure_may_act_for(session, reader, patient_id, Capability.RECORDS)
    record_access(session, reader, AuditAction.ACCESS_LOG_READ, [patient.id])
    return patient


def events_for_patient(
    reader: User, limit: int, offset: int, patient_id: int | None = None
) -> tuple[list[AccessEventOut], int]:
    """The access log of the reader's data (or, with `patient_id`, of a patient they act for,
    `_whose`), newest first, and the total count."""
    numbered, total = numbered_events_for_patient(reader, limit, offset, patient_id)
    return [event for _, event in numbered], total


def numbered_events_for_patient(
    reader: User, limit: int, offset: int, patient_id: int | None = None
) -> tuple[list[tuple[int, AccessEventOut]], int]:
    """The same, each with its stable id (the FHIR AuditEvent's id)."""
    acting = patient_id is not None and patient_id != reader.id
    with transaction(write=acting) as session:
        patient = _whose(session, reader, patient_id)
        total = session.scalar(
            select(func.count())
            .select_from(AccessEvent)
            .where(AccessEvent.patient_id == patient.id)
        )
        rows = session.execute(
            select(AccessEvent, User.full_name)
            .join(User, User.id == AccessEvent.actor_id)
            .where(AccessEvent.patient_id == patient.id)
            .order_by(AccessEvent.at.desc(), AccessEvent.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        events = _events_out(session, patient, [(event, name) for event, name in rows])
        ids = [event.id for event, _ in rows]
    return list(zip(ids, events, strict=True)), total or 0


def groups_for_patient(
    reader: User, limit: int, offset: int, patient_id: int | None = None
) -> tuple[list[AccessGroupOut], int]:
    """The access log (the reader's, or a patient's they act for, `_whose`) as groups (one
    person's consecutive accesses, each within ACCESS_LOG_GROUP_MINUTES of the previous),
    newest group first, and the number of groups.

    `limit`/`offset` count groups; each group lists at most ACCESS_LOG_GROUP_EVENTS events.
    """
    acting = patient_id is not None and patient_id != reader.id
    with transaction(write=acting) as session:
        patient = _whose(session, reader, patient_id)
        numbered = numbered_events(patient.id, current_app.config["ACCESS_LOG_GROUP_MINUTES"])
        total = int(session.scalar(select(func.coalesce(func.max(numbered.c.grp), 0))) or 0)
        newest = total - offset
        on_page = numbered.c.grp.between(newest - limit + 1, newest)
        tallies = session.execute(
            select(
                numbered.c.grp,
                AccessEvent.action,
                func.count(),
                func.min(AccessEvent.at),
                func.max(AccessEvent.at),
            )
            .join(AccessEvent, AccessEvent.id == numbered.c.id)
            .where(on_page)
            .group_by(numbered.c.grp, AccessEvent.action)
        ).all()
        rows = session.execute(
            select(numbered.c.grp, AccessEvent, User.full_name)
            .join(AccessEvent, AccessEvent.id == numbered.c.id)
            .join(User, User.id == AccessEvent.actor_id)
            .where(on_page, numbered.c.nth <= current_app.config["ACCESS_LOG_GROUP_EVENTS"])
            .order_by(AccessEvent.at.desc(), AccessEvent.id.desc())
        ).all()
        events = _events_out(session, patient, [(event, name) for _, event, name in rows])
    by_group: dict[int, list[AccessEventOut]] = {}
    for (grp, _, _), event in zip(rows, events, strict=True):
        by_group.setdefault(int(grp), []).append(event)
    return [
        _group_out(by_group[grp], tallies_of)
        for grp, tallies_of in _tallies_by_group(tallies).items()
        if grp in by_group
    ], total


def _tallies_by_group(
    tallies: Sequence[Row[int, str, int, datetime, datetime]],
) -> dict[int, list[tuple[str, int, datetime, datetime]]]:
    """Per group number, newest group first: (action, count, first, last) oldest action first."""
    found: dict[int, list[tuple[str, int, datetime, datetime]]] = {}
    for grp, action, count, first, last in tallies:
        found.setdefault(int(grp), []).append((action, int(count), first, last))
    for actions in found.values():
        actions.sort(key=lambda tally: (tally[2], tally[0]))
    return dict(sorted(found.items(), reverse=True))


def _group_out(
    events: list[AccessEventOut], tallies: list[tuple[str, int, datetime, datetime]]
) -> AccessGroupOut:
    return AccessGroupOut(
        actor=events[0].actor,
        on_behalf_of=events[0].on_behalf_of,
        app=events[0].app,
        first_at=min(first for _, _, first, _ in tallies),
        last_at=max(last for _, _, _, last in tallies),
        count=sum(count for _, count, _, _ in tallies),
        summary=summarise([(action, count) for action, count, _, _ in tallies]),
        actions=[ActionCount(action=action, count=count) for action, count, _, _ in tallies],
        events=events,
    )


def _events_out(
    session: Session, patient: User, rows: Sequence[tuple[AccessEvent, str]]
) -> list[AccessEventOut]:
    """The events described; record actions name the record (one look-up for all)."""
    named = {
        event.record_id
        for event, _ in rows
        if event.record_id is not None and action_label(event.action).names_record
    }
    written = record_dates(session, patient.id, named)
    zone = ZoneInfo(patient.timezone)
    return [
        AccessEventOut(
            at=event.at,
            actor=Actor(id=event.actor_id, full_name=full_name, role=event.actor_role),
            on_behalf_of=patient.full_name if event.on_behalf_of_id is not None else None,
            app=event.app,
            action=event.action,
            record_id=event.record_id,
            description=describe(
                event.action,
                record_name(written.get(event.record_id), zone)
                if event.record_id is not None
                else None,
            ),
        )
        for event, full_name in rows
    ]
