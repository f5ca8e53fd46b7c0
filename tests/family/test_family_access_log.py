"""A guardian or a proxy with `records` reads the access log of the patient they act for
(issue 22): `patientId` on GET /api/access-log and /groups, the read itself in that
patient's log ("X on behalf of Y"); booking-only proxies, strangers and guardians of a
claimed dependent are refused. Both databases."""

from __future__ import annotations

from collections.abc import Callable

from flask_openapi3 import OpenAPI

from clinic360.accounts.family import Capability
from tests.factories import Party, add_dependent, book_free_slot, grant_proxy
from tests.family.conftest import access_rows
from tests.helpers import ApiClient, problem

Person = Callable[..., Party[ApiClient]]


def test_a_parent_reads_the_childs_log_and_that_read_is_logged(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    parent = person(fullName="Pat Parent")
    child = add_dependent(parent, fullName="Kim Small")
    book_free_slot(parent, doctor, patientId=child["id"])

    log = parent.client.call("GET", f"/api/access-log?patientId={child['id']}")
    # The read is flushed before the log is read: it is the newest line.
    assert [(e["actor"]["fullName"], e["onBehalfOf"], e["description"]) for e in log] == [
        ("Pat Parent", "Kim Small", "This access log — viewed"),
        ("Pat Parent", "Kim Small", "An appointment — booked for you"),
    ]
    groups = parent.client.call("GET", f"/api/access-log/groups?patientId={child['id']}")
    assert [(g["actor"]["fullName"], g["onBehalfOf"], g["count"]) for g in groups] == [
        ("Pat Parent", "Kim Small", 3)  # booked, the first read, this one: one visit
    ]
    assert access_rows(app, child["id"])[-2:] == [
        (parent.id, "access_log.read", child["id"]),
        (parent.id, "access_log.read", child["id"]),
    ]
    # The parent's own log is untouched by what they did for the child.
    assert parent.client.call("GET", "/api/access-log") == []
    assert parent.client.call("GET", f"/api/access-log?patientId={parent.id}") == []


def test_a_proxy_needs_the_records_grant(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    father, daughter, son = person(), person(fullName="Dee"), person(fullName="Sonny")
    grant_proxy(father, daughter, Capability.APPOINTMENTS.value)
    grant_proxy(father, son, Capability.RECORDS.value)
    book_free_slot(daughter, doctor, patientId=father.id)
    before = access_rows(app, father.id)

    for path in ("/api/access-log", "/api/access-log/groups"):
        problem(
            daughter.client.get(f"{path}?patientId={father.id}"), 403, "proxy_capability_missing"
        )
    assert access_rows(app, father.id) == before  # a refused read leaves no line

    log = son.client.call("GET", f"/api/access-log?patientId={father.id}")
    assert [e["actor"]["fullName"] for e in log] == ["Sonny", "Dee"]
    assert access_rows(app, father.id)[-1] == (son.id, "access_log.read", father.id)


def test_strangers_and_staff_get_nothing(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    parent, stranger = person(), person()
    child = add_dependent(parent)
    for path in ("/api/access-log", "/api/access-log/groups"):
        problem(stranger.client.get(f"{path}?patientId={child['id']}"), 404, "not_found")
        problem(stranger.client.get(f"{path}?patientId=999999"), 404, "not_found")
        problem(doctor.client.get(f"{path}?patientId={child['id']}"), 403, "forbidden")
    assert access_rows(app, child["id"]) == []
