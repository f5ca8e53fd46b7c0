"""Schedules over HTTP, on SQLite and PostgreSQL: entries, doctors, slots, availability."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from flask_openapi3 import OpenAPI
from sqlalchemy import event, update

from clinic360.accounts.models import User
from clinic360.core.db import db, transaction
from clinic360.schedules import availability
from clinic360.schedules.errors import OutsideAvailability
from clinic360.schedules.slots import SlotRules
from tests.factories import insert_appointment, new_party, register
from tests.helpers import ApiClient, problem
from tests.schedules.helpers import DOCTOR_FIELDS, add

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # a Tuesday, 08:00 in Berlin
MONDAY, TUESDAY, WEDNESDAY, THURSDAY = 1, 2, 3, 4


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def doctor(client: ApiClient) -> dict[str, Any]:
    return register(client, "doctor", timezone="Europe/Berlin", slotMinutes=30)


@pytest.fixture
def patient(new_client: Callable[[], ApiClient]) -> ApiClient:
    browser = new_client()
    register(browser, "patient")
    return browser


# ------------------------------------------------------------------------ entries


def test_doctor_creates_lists_updates_and_deletes_entries(
    client: ApiClient, doctor: dict[str, Any]
) -> None:
    weekly = add(client, dayOfWeek=MONDAY, startTime="09:00", endTime="12:00", isAvailable=True)
    assert weekly == {
        "id": weekly["id"],
        "doctorId": doctor["id"],
        "dayOfWeek": MONDAY,
        "date": None,
        "endDate": None,
        "startTime": "09:00",
        "endTime": "12:00",
        "isAvailable": True,
    }
    off = add(client, date="2026-12-24", startTime="00:00", endTime="24:00", isAvailable=False)
    assert (off["date"], off["endDate"], off["endTime"], off["dayOfWeek"]) == (
        "2026-12-24",
        "2026-12-24",
        "24:00",
        None,
    )

    listed = client.get("/api/schedule")
    assert [e["id"] for e in listed.get_json()] == [weekly["id"], off["id"]]
    assert listed.headers["X-Total-Count"] == "2"

    changed = client.put(
        f"/api/schedule/{weekly['id']}",
        json={"dayOfWeek": TUESDAY, "startTime": "10:00", "endTime": "11:30"},
    )
    assert changed.status_code == 200
    assert (changed.get_json()["dayOfWeek"], changed.get_json()["endTime"]) == (TUESDAY, "11:30")

    assert client.delete(f"/api/schedule/{off['id']}").status_code == 204
    assert [e["id"] for e in client.get("/api/schedule").get_json()] == [weekly["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"dayOfWeek": 7, "startTime": "09:00", "endTime": "10:00"}, "dayOfWeek"),
        ({"dayOfWeek": -1, "startTime": "09:00", "endTime": "10:00"}, "dayOfWeek"),
        ({"dayOfWeek": "1", "startTime": "09:00", "endTime": "10:00"}, "dayOfWeek"),
        ({"startTime": "09:00", "endTime": "10:00"}, "dayOfWeek"),
        (
            {"dayOfWeek": 1, "date": "2026-12-24", "startTime": "09:00", "endTime": "10:00"},
            "dayOfWeek",
        ),
        ({"dayOfWeek": 1, "startTime": "9:00", "endTime": "10:00"}, "startTime"),
        ({"dayOfWeek": 1, "startTime": "09:60", "endTime": "10:00"}, "startTime"),
        ({"dayOfWeek": 1, "startTime": "24:00", "endTime": "24:00"}, "startTime"),
        ({"dayOfWeek": 1, "startTime": "09:00", "endTime": "25:00"}, "endTime"),
        ({"dayOfWeek": 1, "startTime": "10:00", "endTime": "10:00"}, "endTime"),
        ({"dayOfWeek": 1, "startTime": "11:00", "endTime": "10:00"}, "endTime"),
        ({"date": "2026-02-30", "startTime": "09:00", "endTime": "10:00"}, "date"),
        ({"date": "26-12-01", "startTime": "09:00", "endTime": "10:00"}, "date"),
        ({"date": "9999-12-31", "startTime": "09:00", "endTime": "10:00"}, "date"),
        (
            {"dayOfWeek": 1, "startTime": "09:00", "endTime": "10:00", "isAvailable": "no"},
            "isAvailable",
        ),
    ],
)
def test_invalid_entries_are_422_with_the_field(
    client: ApiClient, doctor: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = client.post("/api/schedule", json=body)
    assert field in problem(response, 422, "validation_error")["errors"]
    assert client.get("/api/schedule").get_json() == []


def test_overlapping_weekly_open_windows_are_rejected(
    client: ApiClient, doctor: dict[str, Any]
) -> None:
    first = add(client, dayOfWeek=MONDAY, startTime="09:00", endTime="12:00")
    overlapping = client.post(
        "/api/schedule", json={"dayOfWeek": MONDAY, "startTime": "11:30", "endTime": "13:00"}
    )
    assert "startTime" in problem(overlapping, 422, "validation_error")["errors"]
    # Touching windows, other weekdays, closed windows and dated extra hours are fine.
    add(client, dayOfWeek=MONDAY, startTime="12:00", endTime="13:00")
    add(client, dayOfWeek=TUESDAY, startTime="09:00", endTime="12:00")
    add(client, dayOfWeek=MONDAY, startTime="10:00", endTime="11:00", isAvailable=False)
    add(client, date="2026-12-07", startTime="10:00", endTime="14:00")
    # An update may keep its own window; it may not move onto another one.
    same = client.put(
        f"/api/schedule/{first['id']}",
        json={"dayOfWeek": MONDAY, "startTime": "09:00", "endTime": "11:00"},
    )
    assert same.status_code == 200
    onto_other = client.put(
        f"/api/schedule/{first['id']}",
        json={"dayOfWeek": MONDAY, "startTime": "09:00", "endTime": "12:30"},
    )
    problem(onto_other, 422, "validation_error")


def test_only_the_owning_doctor_edits_entries(
    client: ApiClient, doctor: dict[str, Any], new_client: Callable[[], ApiClient]
) -> None:
    entry = add(client, dayOfWeek=MONDAY, startTime="09:00", endTime="12:00")
    other = new_client()
    register(other, "doctor")
    body = {"dayOfWeek": MONDAY, "startTime": "08:00", "endTime": "09:00"}
    problem(other.put(f"/api/schedule/{entry['id']}", json=body), 404, "not_found")
    problem(other.delete(f"/api/schedule/{entry['id']}"), 404, "not_found")
    assert other.get("/api/schedule").get_json() == []

    patient = new_client()
    register(patient, "patient")
    problem(patient.post("/api/schedule", json=body), 403, "forbidden")
    problem(patient.put(f"/api/schedule/{entry['id']}", json=body), 403, "forbidden")
    problem(patient.delete(f"/api/schedule/{entry['id']}"), 403, "forbidden")
    problem(patient.get("/api/schedule"), 403, "forbidden")
    problem(new_client().get("/api/schedule"), 401, "unauthenticated")
    problem(client.put("/api/schedule/999999", json=body), 404, "not_found")
    assert client.get("/api/schedule").get_json()[0]["startTime"] == "09:00"


def test_entry_limit_per_doctor(client: ApiClient, doctor: dict[str, Any], app: OpenAPI) -> None:
    app.config["SCHEDULE_MAX_ENTRIES"] = 2
    add(client, dayOfWeek=1, startTime="09:00", endTime="10:00")
    add(client, dayOfWeek=2, startTime="09:00", endTime="10:00")
    response = client.post(
        "/api/schedule", json={"dayOfWeek": 3, "startTime": "09:00", "endTime": "10:00"}
    )
    problem(response, 422, "validation_error")


# ------------------------------------------------------------------------ doctors


def test_doctor_list_filters_searches_pages_and_hides_email(
    app: OpenAPI, patient: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    ann = new_party(
        new_client(), "doctor", fullName="Ann 100% Sure", specialization="Cardiology"
    ).user
    bob = new_party(
        new_client(), "doctor", fullName="Bob Under_score", specialization="cardiology"
    ).user
    cid = new_party(new_client(), "doctor", fullName="Cid Plain", specialization="Dermatology").user
    pending = new_party(new_client(), "doctor", fullName="Pending Doc").user
    with app.app_context(), transaction() as session:
        session.execute(update(User).where(User.id == pending["id"]).values(approved=False))

    everyone = patient.get("/api/doctors")
    assert everyone.status_code == 200
    assert [d["id"] for d in everyone.get_json()] == [ann["id"], bob["id"], cid["id"]]
    assert everyone.headers["X-Total-Count"] == "3"
    assert set(everyone.get_json()[0]) == DOCTOR_FIELDS
    # "cardiology" at registration is the list's "Cardiology": one entry, one spelling.
    assert {d["specialization"] for d in everyone.get_json()} == {"Cardiology", "Dermatology"}

    def ids(query: str) -> list[int]:
        response = patient.get(f"/api/doctors?{query}")
        assert response.status_code == 200, response.get_data(as_text=True)
        return [d["id"] for d in response.get_json()]

    assert ids("specialization=CARDIOLOGY") == [ann["id"], bob["id"]]
    assert ids(f"specializationId={ann['specializationId']}") == [ann["id"], bob["id"]]
    assert ids("specialization=Cardio") == []
    assert ids("q=%25") == [ann["id"]]  # a literal %
    assert ids("q=_") == [bob["id"]]  # a literal _
    assert ids("q=plain") == [cid["id"]]
    assert ids("q=pending") == []
    assert ids("limit=1&offset=1") == [bob["id"]]
    paged = patient.get("/api/doctors?limit=2&offset=5")
    assert paged.get_json() == []
    assert paged.headers["X-Total-Count"] == "3"
    problem(patient.get("/api/doctors?limit=501"), 422, "validation_error")
    # Guests browse the directory too (tests/schedules/test_public_reads.py).
    assert [d["id"] for d in new_client().get("/api/doctors").get_json()] == [
        ann["id"],
        bob["id"],
        cid["id"],
    ]

    problem(patient.get(f"/api/doctors/{pending['id']}"), 404, "not_found")
    problem(patient.get(f"/api/doctors/{pending['id']}/slots"), 404, "not_found")
    problem(patient.get(f"/api/doctors/{pending['id']}/schedule"), 404, "not_found")
    assert patient.get(f"/api/doctors/{ann['id']}").get_json()["fullName"] == "Ann 100% Sure"


def test_next_available_and_doctor_detail(
    client: ApiClient, doctor: dict[str, Any], patient: ApiClient
) -> None:
    assert patient.get(f"/api/doctors/{doctor['id']}").get_json()["nextAvailable"] is None
    add(client, dayOfWeek=TUESDAY, startTime="08:00", endTime="12:00")
    # 08:00 Berlin is now: the 08:00 slot is still free.
    body = patient.get(f"/api/doctors/{doctor['id']}").get_json()
    assert body["nextAvailable"] == "2026-12-01T07:00:00Z"
    assert "email" not in body
    assert patient.get("/api/doctors").get_json()[0]["nextAvailable"] == "2026-12-01T07:00:00Z"
    schedule = patient.get(f"/api/doctors/{doctor['id']}/schedule")
    assert [e["startTime"] for e in schedule.get_json()] == ["08:00"]


def test_doctor_slots_follow_schedule_appointments_and_zone(
    app: OpenAPI, client: ApiClient, doctor: dict[str, Any], patient: ApiClient
) -> None:
    add(client, dayOfWeek=MONDAY, startTime="09:00", endTime="11:00")
    add(client, date="2026-12-14", startTime="00:00", endTime="24:00", isAvailable=False)
    add(client, date="2026-12-15", startTime="18:00", endTime="19:00")
    me = patient.get("/api/user").get_json()
    insert_appointment(app, me["id"], doctor["id"], datetime(2026, 12, 7, 8, 30, tzinfo=UTC))

    response = patient.get(f"/api/doctors/{doctor['id']}/slots?from=2026-12-07&to=2026-12-15")
    assert response.status_code == 200
    assert response.get_json() == [
        {"startTime": "2026-12-07T08:00:00Z", "endTime": "2026-12-07T08:30:00Z"},
        {"startTime": "2026-12-07T09:00:00Z", "endTime": "2026-12-07T09:30:00Z"},
        {"startTime": "2026-12-07T09:30:00Z", "endTime": "2026-12-07T10:00:00Z"},
        {"startTime": "2026-12-15T17:00:00Z", "endTime": "2026-12-15T17:30:00Z"},
        {"startTime": "2026-12-15T17:30:00Z", "endTime": "2026-12-15T18:00:00Z"},
    ]


def test_slot_ranges_are_validated(
    client: ApiClient, doctor: dict[str, Any], patient: ApiClient
) -> None:
    url = f"/api/doctors/{doctor['id']}/slots"
    assert patient.get(f"{url}?from=2026-12-01&to=2027-01-31").status_code == 200  # 62 days
    body = problem(patient.get(f"{url}?from=2026-12-01&to=2027-02-01"), 422, "validation_error")
    assert "to" in body["errors"]  # 63 days
    problem(patient.get(f"{url}?from=2026-12-02&to=2026-12-01"), 422, "validation_error")
    problem(patient.get(f"{url}?from=2026-13-01"), 422, "validation_error")
    problem(patient.get(f"{url}?from=2026-12-01T00:00:00Z"), 422, "validation_error")
    problem(patient.get("/api/doctors/999999/slots"), 404, "not_found")
    problem(patient.get("/api/doctors/0/slots"), 422, "validation_error")
    assert patient.get(url).status_code == 200  # default: the doctor's today + 6 days


def test_earliest_slots_across_doctors(
    app: OpenAPI, patient: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    berlin = new_party(
        new_client(), "doctor", timezone="Europe/Berlin", specialization="Cardiology"
    )
    tokyo = new_party(new_client(), "doctor", timezone="Asia/Tokyo", specialization="Cardiology")
    derm = new_party(new_client(), "doctor", specialization="Dermatology")
    add(berlin.client, dayOfWeek=TUESDAY, startTime="09:00", endTime="10:00")  # 08:00Z today
    add(tokyo.client, dayOfWeek=TUESDAY, startTime="16:30", endTime="17:30")  # 07:30Z today
    add(derm.client, dayOfWeek=TUESDAY, startTime="07:00", endTime="08:00")  # 07:00Z today

    response = patient.get("/api/slots?specialization=cardiology&limit=3")
    assert response.status_code == 200, response.get_data(as_text=True)
    found = [(s["doctorId"], s["startTime"][11:16]) for s in response.get_json()]
    # Ties at one instant go to the lower doctor id.
    assert found == [(tokyo.id, "07:30"), (berlin.id, "08:00"), (tokyo.id, "08:00")]
    assert response.get_json()[0]["endTime"] == "2026-12-01T08:00:00Z"
    assert len(patient.get("/api/slots?limit=1").get_json()) == 1
    problem(patient.get("/api/slots?from=2026-12-01&to=2027-02-01"), 422, "validation_error")


def test_earliest_slots_look_past_the_first_days_when_a_zone_runs_ahead(
    patient: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    """The search reads two days first; a later local day in UTC+14 can still come first."""
    honolulu = new_party(
        new_client(), "doctor", timezone="Pacific/Honolulu", specialization="Nephrology"
    )
    kiritimati = new_party(
        new_client(), "doctor", timezone="Pacific/Kiritimati", specialization="Nephrology"
    )
    add(honolulu.client, dayOfWeek=WEDNESDAY, startTime="20:00", endTime="21:00")  # Thu 06:00Z
    add(kiritimati.client, dayOfWeek=THURSDAY, startTime="09:00", endTime="10:00")  # Wed 19:00Z

    def earliest(limit: int) -> list[tuple[int, str]]:
        response = patient.get(f"/api/slots?specialization=nephrology&limit={limit}")
        assert response.status_code == 200, response.get_data(as_text=True)
        return [(s["doctorId"], s["startTime"]) for s in response.get_json()]

    # Honolulu's two Wednesday slots fill a limit of 2 within the first days, yet come later.
    assert earliest(2) == [
        (kiritimati.id, "2026-12-02T19:00:00Z"),
        (kiritimati.id, "2026-12-02T19:30:00Z"),
    ]
    assert earliest(3)[2] == (honolulu.id, "2026-12-03T06:00:00Z")


# ---------------------------------------------------- the interface of appointments


def test_ensure_within_open_hours(app: OpenAPI, client: ApiClient, doctor: dict[str, Any]) -> None:
    add(client, dayOfWeek=MONDAY, startTime="09:00", endTime="12:00")
    add(client, dayOfWeek=MONDAY, startTime="12:00", endTime="15:00")
    add(client, dayOfWeek=MONDAY, startTime="13:00", endTime="14:00", isAvailable=False)

    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 12, 7, hour, minute, tzinfo=UTC)  # Berlin = UTC + 1

    with app.app_context(), transaction() as session:
        user = session.get(User, doctor["id"])
        assert user is not None
        availability.ensure_within_open_hours(session, user, at(8), at(8, 30))
        availability.ensure_within_open_hours(session, user, at(10, 30), at(11, 30))  # spans 12:00
        for start, end in [(at(7, 30), at(8, 30)), (at(11, 30), at(12, 30)), (at(9), at(8))]:
            with pytest.raises(OutsideAvailability):
                availability.ensure_within_open_hours(session, user, start, end)


def test_nearest_free_slots(app: OpenAPI, client: ApiClient, doctor: dict[str, Any]) -> None:
    add(client, dayOfWeek=MONDAY, startTime="09:00", endTime="11:00")
    patient_id = doctor["id"]  # any user row will do for the booking
    insert_appointment(app, patient_id, doctor["id"], datetime(2026, 12, 7, 8, 30, tzinfo=UTC))
    with app.app_context(), transaction() as session:
        user = session.get(User, doctor["id"])
        assert user is not None
        found = availability.nearest_free_slots(
            session, user, SlotRules(30, 30), datetime(2026, 12, 7, 8, 30, tzinfo=UTC)
        )
    assert [s.start.strftime("%d %H:%M") for s in found] == ["07 08:00", "07 09:00", "07 09:30"]


# -------------------------------------------------------------------------- queries


def test_doctor_list_statement_count_does_not_grow_with_doctors(
    app: OpenAPI, patient: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    def statements_for_listing() -> int:
        seen: list[str] = []

        def count(*args: Any) -> None:
            seen.append(args[2])

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", count)
        try:
            response = patient.get("/api/doctors")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return len([s for s in seen if not s.lstrip().upper().startswith(("BEGIN", "COMMIT"))])

    app.config["READ_CACHE_ENABLED"] = False  # the uncached path; the cached one below
    for _ in range(2):
        browser = new_party(new_client(), "doctor").client
        add(browser, dayOfWeek=TUESDAY, startTime="09:00", endTime="12:00")
    few = statements_for_listing()
    for _ in range(6):
        browser = new_party(new_client(), "doctor").client
        add(browser, dayOfWeek=TUESDAY, startTime="09:00", endTime="12:00")
    many = statements_for_listing()
    assert few == many
    # The session's user, the doctors with their entries, the clinic closures, their
    # appointments.
    assert many <= 4
    # Cached (issue 16): a miss adds the directory's and the page's doctors' versions, a
    # hit reads the user and those two only, however many doctors.
    app.config["READ_CACHE_ENABLED"] = True
    assert statements_for_listing() <= 6
    assert statements_for_listing() <= 3


def test_next_available_beyond_a_booked_up_week(
    app: OpenAPI, client: ApiClient, doctor: dict[str, Any], patient: ApiClient
) -> None:
    add(client, dayOfWeek=TUESDAY, startTime="08:00", endTime="08:30")
    me = patient.get("/api/user").get_json()
    insert_appointment(app, me["id"], doctor["id"], NOW)  # today's only slot
    body = patient.get("/api/doctors").get_json()
    assert body[0]["nextAvailable"] == "2026-12-08T07:00:00Z"  # exactly a week later
    insert_appointment(app, me["id"], doctor["id"], NOW + timedelta(days=7))
    assert patient.get("/api/doctors").get_json()[0]["nextAvailable"] == "2026-12-15T07:00:00Z"


def test_next_available_later_in_the_week(
    app: OpenAPI, client: ApiClient, doctor: dict[str, Any], patient: ApiClient
) -> None:
    """Tomorrow has no free slot: the week's read (the second pass) finds Thursday's."""
    add(client, dayOfWeek=TUESDAY, startTime="08:00", endTime="08:30")
    add(client, dayOfWeek=THURSDAY, startTime="09:00", endTime="09:30")
    me = patient.get("/api/user").get_json()
    insert_appointment(app, me["id"], doctor["id"], NOW)  # today's only slot
    body = patient.get("/api/doctors").get_json()
    assert body[0]["nextAvailable"] == "2026-12-03T08:00:00Z"
    assert patient.get(f"/api/doctors/{doctor['id']}").get_json()["nextAvailable"] == (
        "2026-12-03T08:00:00Z"
    )


def test_signed_in_slot_read_is_one_transaction_of_five_statements(
    app: OpenAPI, client: ApiClient, doctor: dict[str, Any], patient: ApiClient
) -> None:
    """Loading the session's user and reading the slots share one transaction (no COMMIT
    and BEGIN in between), and the doctor, their type and entries are one statement."""
    add(client, dayOfWeek=TUESDAY, startTime="09:00", endTime="12:00")
    begun: list[object] = []
    statements: list[str] = []

    def on_begin(connection: object) -> None:
        begun.append(connection)

    def on_statement(*args: Any) -> None:
        statements.append(args[2])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "begin", on_begin)
    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        response = patient.get(f"/api/doctors/{doctor['id']}/slots?from=2026-12-01&to=2026-12-31")
    finally:
        event.remove(engine, "begin", on_begin)
        event.remove(engine, "before_cursor_execute", on_statement)
    assert response.status_code == 200
    assert len(response.get_json()) == 5 * 6  # five Tuesdays of six 30-minute slots
    assert len(begun) == 1
    selects = [s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT"))]
    # The session's user; the read cache's versions (a miss here, issue 16); the doctor
    # with the type and entries; appointments; closures.
    assert len(selects) == 5
