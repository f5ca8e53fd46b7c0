"""A guardian or a proxy with `appointments` joins, lists and leaves the waiting list for the
patient they act for (issue 22), each in that patient's access log; a records-only proxy, a
stranger and a guardian of a claimed dependent are refused. Both databases."""

from __future__ import annotations

from collections.abc import Callable

from flask_openapi3 import OpenAPI

from clinic360.accounts.family import Capability
from tests.factories import Party, add_dependent, grant_proxy
from tests.family.conftest import access_rows
from tests.helpers import ApiClient, problem
from tests.waitlist.helpers import join

Person = Callable[..., Party[ApiClient]]


def test_a_parent_puts_the_child_on_the_waiting_list(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    parent = person()
    child = add_dependent(parent)
    entry = join(parent, doctor, patientId=child["id"])

    assert parent.client.call("GET", "/api/waitlist") == []  # the parent's own list
    listed = parent.client.call("GET", f"/api/waitlist?patientId={child['id']}")
    assert [e["id"] for e in listed] == [entry["id"]]
    parent.client.call("DELETE", f"/api/waitlist/{entry['id']}", status=204)
    assert parent.client.call("GET", f"/api/waitlist?patientId={child['id']}") == []
    assert [action for _, action, _ in access_rows(app, child["id"])] == [
        "waitlist.join",
        "waitlist.list",
        "waitlist.leave",
        "waitlist.list",
    ]
    assert {(actor, behalf) for actor, _, behalf in access_rows(app, child["id"])} == {
        (parent.id, child["id"])
    }
    log = parent.client.call("GET", f"/api/access-log?patientId={child['id']}")
    assert "A waiting list — joined for you" in [e["description"] for e in log]


def test_only_the_appointments_grant_reaches_the_waiting_list(
    app: OpenAPI, person: Person, doctor: Party[ApiClient]
) -> None:
    father, booker, reader, stranger = person(), person(), person(), person()
    grant_proxy(father, booker, Capability.APPOINTMENTS.value)
    grant_proxy(father, reader, Capability.RECORDS.value)

    entry = join(booker, doctor, patientId=father.id)
    assert [e["id"] for e in father.client.call("GET", "/api/waitlist")] == [entry["id"]]

    for refused, status, code in (
        (reader, 403, "proxy_capability_missing"),
        (stranger, 404, "not_found"),
    ):
        problem(
            refused.client.post(
                "/api/waitlist",
                json={"doctorId": doctor.id, "dateFrom": entry["dateFrom"],
                      "dateTo": entry["dateTo"], "parts": ["morning"], "patientId": father.id},
            ),
            status,
            code,
        )  # fmt: skip
        problem(refused.client.get(f"/api/waitlist?patientId={father.id}"), status, code)
        problem(refused.client.delete(f"/api/waitlist/{entry['id']}"), 404, "not_found")
    booker.client.call("DELETE", f"/api/waitlist/{entry['id']}", status=204)
    assert father.client.call("GET", "/api/waitlist") == []
