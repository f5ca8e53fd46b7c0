"""Faster schedule set-up over HTTP, on SQLite and PostgreSQL (#24 item 11): the same weekly
hours on several days in one request (all or nothing), time off over a range of dates (one
entry, every date blocked, across a daylight-saving change), and no time off in the past."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from flask_openapi3 import OpenAPI

from tests.factories import insert_appointment, register
from tests.helpers import ApiClient, problem
from tests.schedules.helpers import add

# Saturday 20 March 2027, 08:00 in Berlin; Berlin moves to summer time on Sunday 28 March.
NOW = datetime(2027, 3, 20, 7, 0, tzinfo=UTC)
SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = range(7)
WEEKDAYS = [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]
WHOLE_DAY = {"startTime": "00:00", "endTime": "24:00"}


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def doctor(client: ApiClient) -> dict[str, Any]:
    return register(client, "doctor", timezone="Europe/Berlin", slotMinutes=60)


def add_weekly(client: ApiClient, days: list[int], **window: Any) -> list[dict[str, Any]]:
    response = client.post("/api/schedule/weekly", json={"daysOfWeek": days, **window})
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.headers["X-Total-Count"] == str(len(days))
    entries: list[dict[str, Any]] = response.get_json()
    return entries


def windows(client: ApiClient) -> list[tuple[Any, ...]]:
    return [
        (e["dayOfWeek"], e["date"], e["endDate"], e["startTime"], e["endTime"], e["isAvailable"])
        for e in client.get("/api/schedule").get_json()
    ]


# ------------------------------------------------------------ several weekdays at once


def test_the_same_hours_on_several_weekdays_in_one_request(
    client: ApiClient, doctor: dict[str, Any]
) -> None:
    added = add_weekly(client, [FRIDAY, MONDAY, WEDNESDAY], startTime="09:00", endTime="17:00")
    assert [(e["dayOfWeek"], e["date"], e["endDate"]) for e in added] == [
        (MONDAY, None, None),
        (WEDNESDAY, None, None),
        (FRIDAY, None, None),
    ]
    assert all(e["doctorId"] == doctor["id"] and e["isAvailable"] for e in added)
    assert windows(client) == [
        (day, None, None, "09:00", "17:00", True) for day in (MONDAY, WEDNESDAY, FRIDAY)
    ]
    # Closed hours on every weekday, over the open ones: closed windows may overlap anything.
    add_weekly(client, WEEKDAYS, startTime="12:00", endTime="13:00", isAvailable=False)
    assert len(windows(client)) == 8


def test_an_overlap_on_any_day_adds_nothing_and_names_the_days(
    client: ApiClient, doctor: dict[str, Any]
) -> None:
    add(client, dayOfWeek=WEDNESDAY, startTime="10:00", endTime="12:00")
    add(client, dayOfWeek=FRIDAY, startTime="16:30", endTime="18:00")
    add(client, dayOfWeek=MONDAY, startTime="17:00", endTime="19:00")  # only touches
    before = windows(client)

    body = {"daysOfWeek": WEEKDAYS, "startTime": "09:00", "endTime": "17:00"}
    conflict = problem(client.post("/api/schedule/weekly", json=body), 409, "schedule_overlap")
    assert conflict["daysOfWeek"] == [WEDNESDAY, FRIDAY]
    assert "Wednesday, Friday" in conflict["detail"]
    assert windows(client) == before  # all or nothing: Monday, Tuesday, Thursday not added

    add_weekly(client, [MONDAY, TUESDAY, THURSDAY], startTime="09:00", endTime="17:00")
    assert len(windows(client)) == len(before) + 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"daysOfWeek": [MONDAY, MONDAY]}, "daysOfWeek"),
        ({"daysOfWeek": []}, "daysOfWeek"),
        ({"daysOfWeek": [0, 1, 2, 3, 4, 5, 6, 0]}, "daysOfWeek"),
        ({"daysOfWeek": [7]}, "daysOfWeek.0"),
        ({"daysOfWeek": ["1"]}, "daysOfWeek.0"),
        ({"daysOfWeek": MONDAY}, "daysOfWeek"),
        ({"daysOfWeek": [MONDAY], "endTime": "08:00"}, "endTime"),
    ],
)
def test_invalid_weekly_bodies_are_422(
    client: ApiClient, doctor: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    full = {"startTime": "09:00", "endTime": "17:00", **body}
    errors = problem(client.post("/api/schedule/weekly", json=full), 422, "validation_error")
    assert field in errors["errors"]
    assert windows(client) == []


def test_the_entry_cap_counts_every_day_and_only_doctors_add(
    app: OpenAPI, client: ApiClient, doctor: dict[str, Any], new_client: Callable[[], ApiClient]
) -> None:
    app.config["SCHEDULE_MAX_ENTRIES"] = 4
    add(client, dayOfWeek=SUNDAY, startTime="09:00", endTime="10:00")
    body = {"daysOfWeek": WEEKDAYS[:4], "startTime": "09:00", "endTime": "17:00"}
    problem(client.post("/api/schedule/weekly", json=body), 422, "validation_error")
    assert len(windows(client)) == 1
    add_weekly(client, WEEKDAYS[:3], startTime="09:00", endTime="17:00")

    patient = new_client()
    register(patient, "patient")
    problem(patient.post("/api/schedule/weekly", json=body), 403, "forbidden")
    problem(new_client().post("/api/schedule/weekly", json=body), 401, "unauthenticated")


# ------------------------------------------------------------ time off over a range


def slots(client: ApiClient, doctor_id: int, first: str, last: str) -> list[str]:
    response = client.get(f"/api/doctors/{doctor_id}/slots?from={first}&to={last}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return [slot["startTime"] for slot in response.get_json()]


def hours(day: str, first: int, last: int) -> list[str]:
    """UTC instants `day`T`first`:00Z … `last`:00Z, hourly."""
    return [f"{day}T{hour:02d}:00:00Z" for hour in range(first, last + 1)]


def test_a_range_of_time_off_is_one_entry_closing_every_date_across_summer_time(
    client: ApiClient, doctor: dict[str, Any], new_client: Callable[[], ApiClient]
) -> None:
    add_weekly(client, list(range(7)), **WHOLE_DAY)  # open all day, every day
    off = add(client, date="2027-03-27", endDate="2027-03-29", isAvailable=False, **WHOLE_DAY)
    assert (off["date"], off["endDate"], off["dayOfWeek"]) == ("2027-03-27", "2027-03-29", None)

    patient = new_client()
    register(patient, "patient")
    found = slots(patient, doctor["id"], "2027-03-26", "2027-03-30")
    # Friday 26th on CET (UTC+1) up to its last hour; nothing on 27th (CET), 28th (the
    # change: 23 hours) or 29th (CEST); Tuesday 30th from its local midnight, 22:00 UTC.
    assert found == hours("2027-03-25", 23, 23) + hours("2027-03-26", 0, 22) + hours(
        "2027-03-29", 22, 23
    ) + hours("2027-03-30", 0, 21)

    # Booking inside the range is outside the doctor's hours.
    booking = {
        "doctorId": doctor["id"],
        "startTime": "2027-03-28T10:00:00Z",
        "endTime": "2027-03-28T11:00:00Z",
    }
    problem(patient.post("/api/appointments", json=booking), 422, "outside_availability")

    # The same dates with a morning off only: 09:00–12:00 local each day, whatever the offset.
    assert client.delete(f"/api/schedule/{off['id']}").status_code == 204
    morning = {"startTime": "09:00", "endTime": "12:00", "isAvailable": False}
    add(client, date="2027-03-27", endDate="2027-03-29", **morning)
    found = slots(patient, doctor["id"], "2027-03-27", "2027-03-29")
    closed = hours("2027-03-27", 8, 10) + hours("2027-03-28", 7, 9) + hours("2027-03-29", 7, 9)
    assert not set(closed) & set(found)
    assert len(found) == 24 - 3 + 23 - 3 + 24 - 3
    around = ["2027-03-27T07:00:00Z", "2027-03-27T11:00:00Z"]  # 08:00 and 12:00 CET
    around += ["2027-03-28T06:00:00Z", "2027-03-28T10:00:00Z"]  # 08:00 and 12:00 CEST
    assert set(around) <= set(found)


def test_extra_hours_over_a_range_and_their_overlaps(
    client: ApiClient, doctor: dict[str, Any]
) -> None:
    evening = {"startTime": "18:00", "endTime": "20:00"}
    extra = add(client, date="2027-04-01", endDate="2027-04-05", **evening)
    assert extra["endDate"] == "2027-04-05"
    for date, end_date in [("2027-04-05", "2027-04-09"), ("2027-03-25", "2027-04-01")]:
        clash = client.post(
            "/api/schedule",
            json={"date": date, "endDate": end_date, "startTime": "19:00", "endTime": "21:00"},
        )
        assert "startTime" in problem(clash, 422, "validation_error")["errors"]
    add(client, date="2027-04-06", endDate="2027-04-09", startTime="19:00", endTime="21:00")
    add(client, date="2027-04-03", startTime="20:00", endTime="21:00")  # touches only
    # An entry without endDate keeps meaning one date.
    single = add(client, date="2027-04-10", **evening)
    assert single["endDate"] == "2027-04-10"


def test_range_rules(app: OpenAPI, client: ApiClient, doctor: dict[str, Any]) -> None:
    def post(**body: Any) -> Any:
        return client.post("/api/schedule", json={"isAvailable": False, **WHOLE_DAY, **body})

    reversed_ = problem(post(date="2027-04-02", endDate="2027-04-01"), 422, "date_range_reversed")
    assert "endDate" in reversed_["errors"]
    weekly = problem(post(dayOfWeek=MONDAY, endDate="2027-04-01"), 422, "validation_error")
    assert "endDate" in weekly["errors"]
    malformed = problem(post(date="2027-04-01", endDate="2027-4-2"), 422, "validation_error")
    assert "endDate" in malformed["errors"]

    # SCHEDULE_MAX_RANGE_DAYS (366 by default) counts the first and the last date.
    too_long = problem(post(date="2027-04-01", endDate="2028-04-01"), 422, "date_range_too_long")
    assert "366" in too_long["errors"]["endDate"]
    assert post(date="2027-04-01", endDate="2028-03-31").status_code == 201
    app.config["SCHEDULE_MAX_RANGE_DAYS"] = 7
    problem(post(date="2028-05-01", endDate="2028-05-08"), 422, "date_range_too_long")
    assert post(date="2028-05-01", endDate="2028-05-07").status_code == 201
    assert len(windows(client)) == 2


# ------------------------------------------------------------ nothing in the past


def test_time_off_ending_before_the_doctors_today_is_refused(
    client: ApiClient, doctor: dict[str, Any], new_client: Callable[[], ApiClient]
) -> None:
    # 08:00 on Saturday 20 March in Berlin.
    one_day = problem(
        client.post(
            "/api/schedule", json={"date": "2027-03-19", "isAvailable": False, **WHOLE_DAY}
        ),
        422,
        "time_off_in_past",
    )
    assert "2027-03-20" in one_day["errors"]["date"]
    ranged = client.post(
        "/api/schedule",
        json={"date": "2027-03-10", "endDate": "2027-03-19", "isAvailable": False, **WHOLE_DAY},
    )
    assert "endDate" in problem(ranged, 422, "time_off_in_past")["errors"]
    extra = client.post(
        "/api/schedule", json={"date": "2027-03-19", "startTime": "09:00", "endTime": "10:00"}
    )
    problem(extra, 422, "extra_hours_in_past")
    assert windows(client) == []

    # Today stays allowed all day, even for hours already gone; a range may start earlier.
    add(client, date="2027-03-20", startTime="00:00", endTime="01:00", isAvailable=False)
    entry = add(client, date="2027-03-15", endDate="2027-03-20", isAvailable=False, **WHOLE_DAY)
    moved = client.put(
        f"/api/schedule/{entry['id']}",
        json={"date": "2027-03-15", "endDate": "2027-03-19", "isAvailable": False, **WHOLE_DAY},
    )
    problem(moved, 422, "time_off_in_past")
    assert client.get("/api/schedule").get_json()[-1]["endDate"] == "2027-03-20"

    # In Honolulu it is still Friday 19 March (21:00): that is today there.
    honolulu = new_client()
    register(honolulu, "doctor", timezone="Pacific/Honolulu")
    add(honolulu, date="2027-03-19", isAvailable=False, **WHOLE_DAY)


def test_time_off_over_a_booked_appointment_in_its_range_asks_first(
    app: OpenAPI, client: ApiClient, doctor: dict[str, Any], new_client: Callable[[], ApiClient]
) -> None:
    """Issue 17: time off whose range covers a booked appointment is 409 listing it
    (nothing saved); confirmed, it is saved and the appointment cancelled, and no slot is
    offered there (tests/schedules/test_time_off_appointments.py has the details)."""
    add_weekly(client, list(range(7)), startTime="09:00", endTime="17:00")
    patient = new_client()
    me = register(patient, "patient")
    appointment = insert_appointment(
        app, me["id"], doctor["id"], datetime(2027, 3, 24, 9, 0, tzinfo=UTC)
    )
    body = {"date": "2027-03-23", "endDate": "2027-03-25", "isAvailable": False, **WHOLE_DAY}
    refused = client.post("/api/schedule", json=body)
    assert refused.status_code == 409
    assert [hit["id"] for hit in refused.get_json()["appointments"]] == [appointment]
    add(client, **body, cancelAppointments=True)
    shown = client.get(f"/api/appointments/{appointment}").get_json()
    assert shown["status"] == "cancelled"
    assert slots(patient, doctor["id"], "2027-03-23", "2027-03-25") == []
