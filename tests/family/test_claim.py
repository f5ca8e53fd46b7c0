"""A dependent who reached DEPENDENT_CLAIM_AGE takes over their own account (issue 22): the
guardian's access ends unless the new account holder grants proxy access. Both databases."""

from __future__ import annotations

from collections.abc import Callable

from flask_openapi3 import OpenAPI

from tests.factories import Party, add_dependent, book_free_slot, grant_proxy
from tests.family.conftest import latest
from tests.helpers import ApiClient, problem, rendered_outbox_email

Person = Callable[..., Party[ApiClient]]
OWN_PASSWORD = "my very own passphrase"


def _token_of(app: OpenAPI) -> tuple[str, dict[str, str]]:
    row = latest(app, "dependent_invited")
    email = rendered_outbox_email(app, row.id)
    return str(row.params["token"]), email


def test_a_dependent_under_the_age_setting_cannot_be_invited(app: OpenAPI, person: Person) -> None:
    parent = person()
    child = add_dependent(parent, years=15)
    body = problem(
        parent.client.post(
            f"/api/family/dependents/{child['id']}/invite", json={"email": "kid@example.org"}
        ),
        422,
        "dependent_too_young",
    )
    assert "16" in body["detail"]
    app.config["DEPENDENT_CLAIM_AGE"] = 15  # the setting decides
    parent.client.call(
        "POST", f"/api/family/dependents/{child['id']}/invite", {"email": "kid@example.org"},
        status=204,
    )  # fmt: skip


def test_a_claimed_account_ends_the_guardians_access_until_proxy_access_is_granted(
    app: OpenAPI, person: Person, doctor: Party[ApiClient], new_client: Callable[[], ApiClient]
) -> None:
    parent = person(fullName="Paula Parent")
    teen = add_dependent(parent, years=16, fullName="Tess Teen")
    assert teen["mayInvite"] is True
    book_free_slot(parent, doctor, patientId=teen["id"])
    parent.client.call(
        "POST", f"/api/family/dependents/{teen['id']}/invite", {"email": "tess@example.org"},
        status=204,
    )  # fmt: skip
    token, email = _token_of(app)
    assert email["to"].endswith("<tess@example.org>")
    assert f"/family/claim#token={token}" in email["text/plain"]
    assert "Paula Parent" in email["text/plain"]

    teen_client = new_client()
    teen_client.call(
        "POST", "/api/family/claim",
        {"token": token, "username": "tess-own", "password": OWN_PASSWORD}, status=204,
    )  # fmt: skip
    problem(
        new_client().post(
            "/api/family/claim",
            json={"token": token, "username": "again", "password": OWN_PASSWORD},
        ),
        400,
        "invalid_claim_token",
    )
    tess = Party(teen_client, teen_client.log_in("tess-own", OWN_PASSWORD), OWN_PASSWORD)
    assert tess.id == teen["id"] and tess.user["email"] == "tess@example.org"
    # Her log shows her mother's booking on her behalf.
    log = tess.client.call("GET", "/api/access-log")
    assert [(e["actor"]["fullName"], e["onBehalfOf"]) for e in log] == [
        ("Paula Parent", "Tess Teen")
    ]
    # The guardian's access ended, with a clear reason.
    problem(parent.client.get(f"/api/records/{teen['id']}"), 403, "dependent_claimed")
    problem(
        parent.client.get(f"/api/appointments?patientId={teen['id']}"), 403, "dependent_claimed"
    )
    problem(parent.client.get(f"/api/access-log?patientId={teen['id']}"), 403, "dependent_claimed")
    family = parent.client.call("GET", "/api/family")
    assert family["dependents"][0]["claimed"] is True
    assert [a["via"] for a in family["actingFor"]] == ["self"]
    problem(
        parent.client.post(
            f"/api/family/dependents/{teen['id']}/invite", json={"email": "t2@example.org"}
        ),
        403,
        "dependent_claimed",
    )
    # Until Tess grants her mother proxy access herself.
    grant_proxy(tess, parent, "records")
    assert parent.client.call("GET", f"/api/records/{teen['id']}") == []
