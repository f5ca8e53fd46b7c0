"""Clinic closures: the admin's dates and imported public holidays close every doctor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import holidays
import pytest
from flask_openapi3 import OpenAPI

from tests.factories import Party, admin_party, at, book, day, new_party, open_doctor
from tests.helpers import ApiClient, problem

FR_2027 = {"country": "FR", "year": 2027}


@pytest.fixture
def admin(app: OpenAPI) -> Party[ApiClient]:
    return admin_party(app)


def _close(admin: Party[ApiClient], when: date, name: str = "Inventory day") -> dict[str, Any]:
    closure: dict[str, Any] = admin.client.call(
        "POST", "/api/admin/closures", {"date": when.isoformat(), "name": name}, status=201
    )
    return closure


def _slots(client: ApiClient, doctor: Party[ApiClient], first: date, last: date) -> list[Any]:
    query = f"from={first.isoformat()}&to={last.isoformat()}"
    slots: list[Any] = client.call("GET", f"/api/doctors/{doctor.id}/slots?{query}")
    return slots


def test_a_closure_removes_every_doctors_slots_on_their_own_clock(
    admin: Party[ApiClient], new_client: Callable[[], ApiClient]
) -> None:
    utc = open_doctor(new_client())
    auckland = open_doctor(new_client(), timezone="Pacific/Auckland")
    closed = day(7).date()
    for doctor in (utc, auckland):
        assert _slots(doctor.client, doctor, closed, closed)
    closure = _close(admin, closed)
    assert closure["source"] == "manual" and closure["createdBy"] == admin.id
    guest = new_client()
    for doctor in (utc, auckland):
        assert _slots(guest, doctor, closed, closed) == []
        # The days around it keep their slots.
        assert _slots(guest, doctor, closed + timedelta(days=1), closed + timedelta(days=1))
    # The earliest-slots search skips the day too.
    assert guest.call("GET", f"/api/slots?from={closed}&to={closed}") == []
    # Public list (closures are not clinical data).
    listed = guest.call("GET", f"/api/closures?year={closed.year}")
    assert [(c["date"], c["name"]) for c in listed] == [(closed.isoformat(), "Inventory day")]
    # Reopening brings the slots back.
    admin.client.call("DELETE", f"/api/admin/closures/{closure['id']}", status=204)
    assert _slots(guest, utc, closed, closed)


def test_booking_on_a_closed_day_is_refused(
    admin: Party[ApiClient], new_client: Callable[[], ApiClient]
) -> None:
    doctor = open_doctor(new_client())
    patient = new_party(new_client(), "patient")
    _close(admin, day(7).date())
    problem(book(patient, doctor, at(9, offset=7)), 422, "clinic_closed")
    assert book(patient, doctor, at(9, offset=8)).status_code == 201


def test_next_available_skips_closed_days(
    admin: Party[ApiClient], new_client: Callable[[], ApiClient]
) -> None:
    doctor = open_doctor(new_client())
    for offset in range(3):
        _close(admin, day(offset).date(), f"Closed {offset}")
    listed = new_client().call("GET", "/api/doctors")
    (found,) = [d for d in listed if d["id"] == doctor.id]
    assert found["nextAvailable"] >= day(3).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_date_is_closed_once(admin: Party[ApiClient]) -> None:
    _close(admin, date(2030, 5, 2))
    again = admin.client.post("/api/admin/closures", json={"date": "2030-05-02", "name": "Again"})
    problem(again, 409, "closure_exists")


def test_import_matches_the_holidays_package_and_is_idempotent(
    admin: Party[ApiClient],
) -> None:
    expected = holidays.country_holidays("FR", years=2027)
    result = admin.client.call("POST", "/api/admin/closures/import", FR_2027)
    assert sorted(c["date"] for c in result["added"]) == sorted(d.isoformat() for d in expected)
    assert result["alreadyClosed"] == 0
    assert all(c["source"] == "imported" for c in result["added"])
    assert "2027-07-14" in {c["date"] for c in result["added"]}  # Bastille Day
    again = admin.client.call("POST", "/api/admin/closures/import", FR_2027)
    assert again == {"added": [], "alreadyClosed": len(expected)}
    listed = admin.client.call("GET", "/api/admin/closures?year=2027")
    assert len(listed) == len(expected)


def test_a_region_adds_its_own_holidays(admin: Party[ApiClient]) -> None:
    # Saint-Barthélemy (BL) has an abolition-of-slavery day (9 October) France lacks.
    expected = holidays.country_holidays("FR", subdiv="BL", years=2027)
    body = {**FR_2027, "region": "bl"}
    result = admin.client.call("POST", "/api/admin/closures/import", body)
    assert len(result["added"]) == len(expected) > len(holidays.country_holidays("FR", years=2027))


def test_a_manual_closure_is_kept_by_an_import(admin: Party[ApiClient]) -> None:
    _close(admin, date(2027, 7, 14), "Our own name")
    result = admin.client.call("POST", "/api/admin/closures/import", FR_2027)
    assert result["alreadyClosed"] == 1
    listed = admin.client.call("GET", "/api/closures?year=2027")
    assert {"date": "2027-07-14", "name": "Our own name"}.items() <= listed[
        [c["date"] for c in listed].index("2027-07-14")
    ].items()


def test_unknown_country_and_region(admin: Party[ApiClient]) -> None:
    bad_country = admin.client.post(
        "/api/admin/closures/import", json={"country": "ZZ", "year": 2027}
    )
    assert problem(bad_country, 422, "unknown_country")["errors"]["country"]
    bad_region = admin.client.post("/api/admin/closures/import", json={**FR_2027, "region": "XX"})
    assert problem(bad_region, 422, "unknown_region")["errors"]["region"]
    problem(admin.client.post("/api/admin/closures/import", json={"year": 2027}), 422,
            "validation_error")  # fmt: skip


def test_the_yearly_limit_is_all_or_nothing(app: OpenAPI, admin: Party[ApiClient]) -> None:
    app.config["CLOSURES_MAX_PER_YEAR"] = 12
    for offset in range(2):
        _close(admin, date(2027, 2, 1) + timedelta(days=offset))
    refused = admin.client.post("/api/admin/closures/import", json=FR_2027)
    problem(refused, 422, "closure_limit_reached")
    assert len(admin.client.call("GET", "/api/closures?year=2027")) == 2
    app.config["CLOSURES_MAX_PER_YEAR"] = 2
    problem(
        admin.client.post("/api/admin/closures", json={"date": "2027-03-01", "name": "x"}),
        422,
        "closure_limit_reached",
    )


def test_only_an_admin_changes_closures(
    admin: Party[ApiClient], new_client: Callable[[], ApiClient]
) -> None:
    closure = _close(admin, date(2030, 1, 2))
    doctor = open_doctor(new_client())
    patient = new_party(new_client(), "patient")
    body = {"date": "2030-01-03", "name": "No"}
    for party in (doctor, patient):
        problem(party.client.post("/api/admin/closures", json=body), 403, "forbidden")
        problem(party.client.post("/api/admin/closures/import", json=FR_2027), 403, "forbidden")
        problem(party.client.delete(f"/api/admin/closures/{closure['id']}"), 403, "forbidden")
        problem(party.client.get("/api/admin/closures"), 403, "forbidden")
    guest = new_client()
    problem(guest.post("/api/admin/closures", json=body), 401, "unauthenticated")
    problem(admin.client.delete("/api/admin/closures/999999"), 404, "not_found")


def test_cli_import_is_idempotent(app: OpenAPI) -> None:
    runner = app.test_cli_runner()
    args = ["closures", "import", "--country", "fr", "--year", "2027"]
    first = runner.invoke(args=args)
    assert first.exit_code == 0, first.output
    count = len(holidays.country_holidays("FR", years=2027))
    assert f"Added {count} closure dates" in first.output
    second = runner.invoke(args=args)
    assert "Added 0 closure dates" in second.output and f"({count} already" in second.output
    bad = runner.invoke(args=["closures", "import", "--country", "FR", "--subdiv", "XX",
                              "--year", "2027"])  # fmt: skip
    assert bad.exit_code != 0 and "XX" in bad.output
