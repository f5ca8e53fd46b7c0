"""Grouping a patient's access log into visits, in SQL, so pages never split a group.

A group is a run of one person's consecutive events on one patient's data (ordered by time,
then id) where each event follows the previous one by at most the window
(`ACCESS_LOG_GROUP_MINUTES`) and went through the same way in (the web app, or one SMART
app under `/fhir/R4`). Another person's event in between, another app, or a longer gap,
starts a new group. Window functions number the groups over the patient's whole log, oldest first
(1, 2, …): `LAG` finds where a group starts, a running `SUM` of the starts is the group's
number. Paging then takes whole groups by number (the newest first), so a group lies on one
page only, and the numbers of existing groups never change when new events arrive (a new
event either joins the newest group or starts the next number), so totals and pages agree.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, Subquery, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from clinic360.audit.models import AccessEvent


class seconds_between(FunctionElement[float]):  # noqa: N801  (reads as the SQL function)
    """`seconds_between(earlier, later)`: the seconds from one instant to a later one."""

    type = Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between, "postgresql")
def _seconds_between_postgresql(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    earlier, later = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"EXTRACT(EPOCH FROM ({later}) - ({earlier}))"


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    earlier, later = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({later}) - julianday({earlier})) * 86400.0)"


def numbered_events(patient_id: int, window_minutes: int) -> Subquery:
    """(id, grp, nth): each of the patient's events with its group's number (1 = oldest) and
    its place in the group counted from the newest (1 = newest)."""
    order = (AccessEvent.at, AccessEvent.id)
    steps = (
        select(
            AccessEvent.id,
            AccessEvent.at,
            AccessEvent.actor_id,
            AccessEvent.app,
            func.lag(AccessEvent.actor_id).over(order_by=order).label("prev_actor"),
            func.lag(AccessEvent.app).over(order_by=order).label("prev_app"),
            func.lag(AccessEvent.at).over(order_by=order).label("prev_at"),
        )
        .where(AccessEvent.patient_id == patient_id)
        .subquery("steps")
    )
    starts = case(
        (
            or_(
                steps.c.prev_actor.is_(None),
                steps.c.prev_actor != steps.c.actor_id,
                steps.c.prev_app.is_distinct_from(steps.c.app),
                seconds_between(steps.c.prev_at, steps.c.at) > window_minutes * 60,
            ),
            1,
        ),
        else_=0,
    )
    starts_sub = select(steps.c.id, steps.c.at, starts.label("starts")).subquery("starts")
    running = (
        select(
            starts_sub.c.id,
            starts_sub.c.at,
            func.sum(starts_sub.c.starts)
            .over(order_by=(starts_sub.c.at, starts_sub.c.id), rows=(None, 0))
            .label("grp"),
        )
    ).subquery("running")
    return select(
        running.c.id,
        running.c.grp,
        func.row_number()
        .over(partition_by=running.c.grp, order_by=(running.c.at.desc(), running.c.id.desc()))
        .label("nth"),
    ).subquery("numbered")
