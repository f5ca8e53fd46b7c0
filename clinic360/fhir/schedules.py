"""`/fhir/R4/Schedule` and `/fhir/R4/Slot`: a doctor's bookable calendars, one per visit type
patients may book online (ids: `resources.schedule_id`), and their free slots, computed by the
slot engine behind `/api/doctors/:id/slots?visitType=<id>` (FHIR computes nothing its own
way). Public directory data behind a bearer token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fhir.resources.R4B.schedule import Schedule
from flask import Blueprint, Response, request

from clinic360.core.clock import utcnow
from clinic360.core.errors import NotFound, ValidationFailed
from clinic360.fhir import resources, service_types
from clinic360.fhir.outcome import FHIR_JSON
from clinic360.fhir.search import (
    BadSearch,
    Page,
    date_bounds,
    page,
    reference_id,
    searchset,
    searchset_json,
)
from clinic360.fhir.service_types import ServiceType
from clinic360.oauth import bearer
from clinic360.schedules import availability, directory
from clinic360.schedules.directory import DoctorView
from clinic360.schedules.slots import local_date

bp = Blueprint("fhir_schedules", __name__, url_prefix="/fhir/R4")


@dataclass(frozen=True)
class ScheduleKey:
    doctor_id: int
    visit_type_id: int | None  # None: the doctor's own id (the default type's calendar)

    def __str__(self) -> str:
        return str(self.doctor_id) if self.visit_type_id is None else (
            f"{self.doctor_id}-{self.visit_type_id}")  # fmt: skip


def parse_schedule_id(raw: str) -> ScheduleKey | None:
    """`12` or `12-34` (`resources.schedule_id`); None for anything else."""
    parts = raw.split("-")
    if not 0 < len(parts) < 3 or not all(
        p.isascii() and p.isdigit() and 0 < len(p) < 10 and int(p) > 0 for p in parts
    ):
        return None
    return ScheduleKey(int(parts[0]), int(parts[1]) if len(parts) == 2 else None)


def schedule_param(name: str) -> ScheduleKey | None:
    """A schedule search parameter (`Schedule/12-34` or `12-34`); absent → None; BadSearch
    for anything else."""
    raw = request.args.get(name)
    if raw is None:
        return None
    key = parse_schedule_id(raw.removeprefix("Schedule/"))
    if key is None:
        raise BadSearch(f"{name} must be Schedule/<id>")
    return key


def _calendars(doctor_id: int) -> tuple[DoctorView, list[ServiceType | None]] | None:
    """The doctor and the type of each of their schedules, the doctor's own id first (the
    default type; None when it is not bookable online), then each other offered type."""
    try:
        doctor = directory.get_doctor(None, doctor_id)
    except NotFound:
        return None
    types = service_types.offered(doctor_id)
    others = [t for t in types.values() if not t.is_default]
    return doctor, [service_types.chosen(types, None), *others]


def _schedules(doctor_id: int) -> list[Schedule]:
    found = _calendars(doctor_id)
    if found is None:
        return []
    doctor, services = found
    return [resources.schedule(doctor, service) for service in services]


def _has_type(schedule: Schedule, visit_type_id: int | None) -> bool:
    if visit_type_id is None:
        return True
    codes = {c.code for concept in schedule.serviceType or [] for c in concept.coding or []}
    return str(visit_type_id) in codes


@bp.get("/Schedule/<string:id>")
def read_schedule(id: str) -> Response:
    bearer.require("Schedule", "r")
    key = parse_schedule_id(id)
    found = [s for s in _schedules(key.doctor_id) if s.id == str(key)] if key else []
    if not found:
        raise NotFound()
    return Response(found[0].model_dump_json(), mimetype=FHIR_JSON)


@bp.get("/Schedule")
def search_schedules() -> Response:
    """By `actor` (Practitioner/<id>) or `_id`, optionally `service-type` (a visit type):
    the doctor's schedules, one per visit type bookable online, the default type's first."""
    bearer.require("Schedule", "s")
    current = page("Schedule")
    doctor_id = reference_id("actor", "Practitioner")
    key = schedule_param("_id")
    wanted = service_types.requested()
    owner = key.doctor_id if key is not None else doctor_id
    if owner is None:
        raise BadSearch("name the schedule's actor (Practitioner/<id>) or _id")
    found = _schedules(owner) if doctor_id in (None, owner) else []
    found = [s for s in found if (key is None or s.id == str(key)) and _has_type(s, wanted)]
    shown = found[current.offset : current.offset + current.count]
    bundle = searchset("Schedule", shown, len(found), current)
    return Response(bundle.model_dump_json(), mimetype=FHIR_JSON)


def _slot_type(
    key: ScheduleKey, types: dict[int, ServiceType], wanted: int | None
) -> ServiceType | None:
    """The visit type whose slots a search of schedule `key` lists: the schedule's type. The
    doctor's own id also takes `service-type` (any offered type, as before per-type
    schedules); a per-type schedule with another `service-type` lists nothing."""
    if key.visit_type_id is None:
        return service_types.chosen(types, wanted)
    found = types.get(key.visit_type_id)
    if found is None or found.is_default or wanted not in (None, found.id):
        return None  # the default type's calendar is the doctor's own id
    return found


@bp.get("/Slot")
def search_slots() -> Response:
    """Free slots of one schedule (`schedule`, required), within `start` bounds, computed by
    the slot engine behind `/api/doctors/:id/slots?visitType=` for the schedule's type."""
    bearer.require("Slot", "s")
    current = page("Slot")
    key = schedule_param("schedule")
    if key is None:
        raise BadSearch("schedule is required (Schedule/<id>)")
    bounds = date_bounds("start")
    status = request.args.get("status")
    wanted = service_types.requested()
    try:
        clock, types = service_types.calendar(key.doctor_id)
    except NotFound:
        return _slots([], 0, current)
    service = _slot_type(key, types, wanted)
    if status not in (None, "free") or service is None:
        return _slots([], 0, current)
    zone = ZoneInfo(clock)
    today = local_date(zone, utcnow())
    first = max(today, local_date(zone, bounds.lower)) if bounds.lower else today
    if bounds.upper is not None:
        last = local_date(zone, bounds.upper - timedelta(microseconds=1))
    else:
        last = first + timedelta(days=availability.DEFAULT_RANGE_DAYS - 1)
    if last < first:
        return _slots([], 0, current)
    try:
        free = availability.doctor_slots(None, key.doctor_id, first, last, service.id)
    except ValidationFailed as exc:
        raise BadSearch(f"start: the range may cover at most {availability.MAX_RANGE_DAYS} "
                        "days") from exc  # fmt: skip
    matching = [s for s in free if bounds.holds(s.start)]
    shown = matching[current.offset : current.offset + current.count]
    return _slots(resources.slots(key.doctor_id, service, shown), len(matching), current)


def _slots(entries: list[dict[str, Any]], total: int, current: Page) -> Response:
    return Response(searchset_json("Slot", entries, total, current), mimetype=FHIR_JSON)
