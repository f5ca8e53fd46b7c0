"""Clinic closures: dates the whole clinic is closed, added by an admin or imported from
the `holidays` package (a country's, and optionally a region's, public holidays).

A closure is a whole local date on each doctor's own clock: the slot engine skips it
(`slots.iter_free_slots(closed_dates=…)`) and booking refuses it (`ensure_open_on`).
Closures are not clinical data: anyone may read them. Changes are admin actions, logged
with the admin's id (the project has no separate admin audit trail).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
from flask import current_app
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from clinic360.accounts.models import User
from clinic360.core.db import transaction
from clinic360.core.errors import NotFound
from clinic360.schedules.errors import (
    ClinicClosed,
    ClosureExists,
    ClosureLimitReached,
    UnknownCountry,
    UnknownRegion,
)
from clinic360.schedules.models import MAX_CLOSURE_NAME_LENGTH, ClinicClosure
from clinic360.schedules.wallclock import local_date

log = logging.getLogger("clinic360.schedules")


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the closures it added, and the holiday dates already closed."""

    added: list[ClinicClosure]
    already_closed: int


def closed_dates(session: Session, first: date, last: date) -> frozenset[date]:
    """The closure dates in [first, last] (one indexed range read)."""
    if last < first:
        return frozenset()
    return frozenset(
        session.scalars(
            select(ClinicClosure.date).where(
                ClinicClosure.date >= first, ClinicClosure.date <= last
            )
        )
    )


def ensure_open_on(session: Session, zone: ZoneInfo, start: datetime, end: datetime) -> None:
    """Raise `ClinicClosed` (422 `clinic_closed`) when [start, end) touches a closure date
    on the `zone` clock."""
    if closed_visits(session, zone, [(start, end)]):
        raise ClinicClosed()


def closed_visits(
    session: Session, zone: ZoneInfo, visits: Sequence[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """Those of `visits` that touch a closure date on the `zone` clock (one read for all of
    them: a recurring series)."""
    if not visits:
        return []
    spans = [
        (local_date(zone, start), local_date(zone, max(start, end - timedelta(microseconds=1))))
        for start, end in visits
    ]
    closed = closed_dates(session, min(f for f, _ in spans), max(last for _, last in spans))
    return [
        visit
        for visit, (first, last) in zip(visits, spans, strict=True)
        if any(first <= day <= last for day in closed)
    ]


def list_closures(year: int | None) -> list[ClinicClosure]:
    """The closures by date (of one calendar year when `year` is given)."""
    statement = select(ClinicClosure).order_by(ClinicClosure.date)
    if year is not None:
        statement = statement.where(
            ClinicClosure.date >= date(year, 1, 1), ClinicClosure.date <= date(year, 12, 31)
        )
    with transaction(write=False) as session:
        return list(session.scalars(statement))


def _lock(session: Session) -> None:
    """Serialise closure writes (the per-year cap and the date's uniqueness): a table lock
    on PostgreSQL that readers ignore; SQLite's BEGIN IMMEDIATE already serialises."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE clinic_closures IN SHARE ROW EXCLUSIVE MODE"))


def _ensure_room(session: Session, year: int, adding: int) -> None:
    limit: int = current_app.config["CLOSURES_MAX_PER_YEAR"]
    count = session.scalar(
        select(func.count(ClinicClosure.id)).where(
            ClinicClosure.date >= date(year, 1, 1), ClinicClosure.date <= date(year, 12, 31)
        )
    )
    if (count or 0) + adding > limit:
        raise ClosureLimitReached(limit, year)


def add_closure(admin: User, day: date, name: str) -> ClinicClosure:
    """Close the clinic on `day`. `ClosureExists` (409) when it already is,
    `ClosureLimitReached` (422) beyond CLOSURES_MAX_PER_YEAR in its year."""
    with transaction() as session:
        _lock(session)
        if session.scalar(select(ClinicClosure.id).where(ClinicClosure.date == day)):
            raise ClosureExists()
        _ensure_room(session, day.year, 1)
        closure = ClinicClosure(date=day, name=name, source="manual", created_by=admin.id)
        session.add(closure)
    log.info(
        "clinic closure added",
        extra={"user_id": admin.id, "closure_id": closure.id, "date": day.isoformat()},
    )
    return closure


def delete_closure(admin: User, closure_id: int) -> None:
    """Reopen a closure's date; NotFound when there is no such closure."""
    with transaction() as session:
        closure = session.get(ClinicClosure, closure_id)
        if closure is None:
            raise NotFound()
        day = closure.date
        session.delete(closure)
    log.info(
        "clinic closure deleted",
        extra={"user_id": admin.id, "closure_id": closure_id, "date": day.isoformat()},
    )


def public_holidays(country: str, region: str | None, year: int) -> dict[date, str]:
    """The public holidays of a country (and region) in `year`, from the `holidays`
    package: date → name (several holidays on one date joined by "; ").

    Raises `UnknownCountry` / `UnknownRegion` (422) for codes the package does not know.
    """
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise UnknownCountry({"country": f"unknown country code {country!r}"})
    if region is not None and region not in supported[country]:
        raise UnknownRegion({"region": f"{country} has no region {region!r}"})
    calendar = holidays.country_holidays(country, subdiv=region, years=year)
    return {day: str(name)[:MAX_CLOSURE_NAME_LENGTH] for day, name in sorted(calendar.items())}


def import_holidays(
    admin: User | None, country: str, region: str | None, year: int
) -> ImportResult:
    """Close the clinic on each public holiday of `country` (and `region`) in `year`.

    Idempotent: dates already closed (by hand or an earlier import) are left as they are
    and counted. All or nothing: `ClosureLimitReached` when the new dates would take the
    year over CLOSURES_MAX_PER_YEAR. `admin` None: the command line.
    """
    found = public_holidays(country, region, year)
    with transaction() as session:
        _lock(session)
        existing = closed_dates(session, date(year, 1, 1), date(year, 12, 31))
        new = {day: name for day, name in found.items() if day not in existing}
        _ensure_room(session, year, len(new))
        added = [
            ClinicClosure(
                date=day,
                name=name,
                source="imported",
                created_by=admin.id if admin is not None else None,
            )
            for day, name in new.items()
        ]
        session.add_all(added)
    log.info(
        "public holidays imported",
        extra={
            "user_id": admin.id if admin is not None else None,
            "country": country,
            "region": region,
            "year": year,
            "count": len(added),
        },
    )
    return ImportResult(added, len(found) - len(new))
