"""The admin users page (issue 21, "Admin"): search every account, suspend and reactivate
(sessions end at once), reset a user's two-factor sign-in after the administrator's own
password and code (wrong ones change nothing); every action in `admin_actions`; both
databases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from clinic360.accounts.admin_models import AdminAction
from clinic360.core.db import db
from tests.accounts.conftest import SentEmails
from tests.accounts.test_admin import admin_client
from tests.accounts.test_mfa import code, enrol
from tests.factories import ADMIN_PASSWORD, DEFAULT_PASSWORD, register
from tests.helpers import ApiClient, problem

Browsers = Callable[[], ApiClient]


def _actions(app: OpenAPI) -> list[tuple[int, str, str | None]]:
    with app.app_context():
        rows = db.session.scalars(select(AdminAction).order_by(AdminAction.id))
        return [(r.user_id, r.action, r.reason) for r in rows]


def test_search_finds_by_name_username_or_email_in_any_case(
    app: OpenAPI, client: ApiClient, new_client: Browsers
) -> None:
    alice = register(new_client(), fullName="Alice Smithers", username="alice",
                     email="alice@example.org")  # fmt: skip
    bob = register(new_client(), fullName="Bob Brown", username="bsmith", email="b@example.org")
    carol = register(new_client(), "doctor", fullName="Carol Day", username="carol",
                     email="carol@smith.example")  # fmt: skip
    register(new_client(), fullName="Dan 100% Real", username="dan", email="d@example.org")
    admin = admin_client(app, client)

    def ids(query: str) -> list[int]:
        answer = admin.get(f"/api/admin/users?{query}")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        assert int(answer.headers["X-Total-Count"]) == len(answer.get_json())
        return [u["id"] for u in answer.get_json()]

    assert ids("q=SMITH") == [alice["id"], bob["id"], carol["id"]]  # name, username, email
    assert ids("q=smith&role=doctor") == [carol["id"]]
    assert ids("q=%25") != ids("q=")  # a LIKE wildcard is a plain character
    assert len(ids("q=")) == 5  # everyone, the administrator too
    assert ids("q=nobody-at-all") == []
    row = admin.get("/api/admin/users?q=alice").get_json()[0]
    assert (row["suspended"], row["mfaEnabled"], row["lastAction"]) == (False, False, None)
    problem(admin.get("/api/admin/users?limit=0"), 422, "validation_error")


def test_suspension_ends_sessions_at_once_and_reactivation_lets_them_in(
    app: OpenAPI, client: ApiClient, new_client: Browsers, sent_emails: SentEmails
) -> None:
    browser = new_client()
    patient = register(browser, username="suspendme")
    admin = admin_client(app, client)
    path = f"/api/admin/users/{patient['id']}"
    problem(admin.post(f"{path}/suspend", json={}), 422, "validation_error")
    done = admin.post(f"{path}/suspend", json={"reason": "Abusive calls"}).get_json()
    assert (done["suspended"], done["suspensionReason"], done["lastAction"]) == (
        True, "Abusive calls", "suspend",
    )  # fmt: skip
    assert browser.get("/api/user").status_code == 401  # the open session ended
    login = {"username": "suspendme", "password": DEFAULT_PASSWORD}
    problem(new_client().post("/api/login", json=login), 403, "account_suspended")
    admin.post(f"{path}/suspend", json={"reason": "again"})  # twice: nothing new

    back = admin.post(f"{path}/reactivate").get_json()
    assert (back["suspended"], back["suspensionReason"], back["lastAction"]) == (
        False, None, "reactivate",
    )  # fmt: skip
    admin.post(f"{path}/reactivate")
    assert new_client().post("/api/login", json=login).status_code == 200
    assert _actions(app) == [
        (patient["id"], "suspend", "Abusive calls"), (patient["id"], "reactivate", None),
    ]  # fmt: skip
    assert sent_emails.of_kind("DOCTOR_SUSPENDED") == []

    me = admin.get("/api/user").get_json()["id"]
    problem(admin.post(f"/api/admin/users/{me}/suspend", json={"reason": "x"}), 409, "own_account")
    problem(admin.post("/api/admin/users/987654/reactivate"), 404, "not_found")


def test_a_doctor_is_suspended_and_reinstated_as_on_the_doctors_page(
    app: OpenAPI, client: ApiClient, new_client: Browsers, sent_emails: SentEmails
) -> None:
    patient = new_client()
    register(patient)
    doctor = register(new_client(), "doctor", username="drpage")
    admin = admin_client(app, client)
    path = f"/api/admin/users/{doctor['id']}"
    out = admin.post(f"{path}/suspend", json={"reason": "Licence"}).get_json()
    assert (out["suspended"], out["approved"]) == (True, False)
    assert patient.get("/api/doctors").get_json() == []
    assert [e.recipient_id for e in sent_emails.of_kind("DOCTOR_SUSPENDED")] == [doctor["id"]]
    out = admin.post(f"{path}/reactivate").get_json()
    assert (out["suspended"], out["approved"]) == (False, True)
    assert [d["id"] for d in patient.get("/api/doctors").get_json()] == [doctor["id"]]
    assert [e.recipient_id for e in sent_emails.of_kind("DOCTOR_APPROVED")] == [doctor["id"]]


def test_two_factor_reset_needs_the_admins_password_and_code(
    app: OpenAPI, client: ApiClient, new_client: Browsers, sent_emails: SentEmails
) -> None:
    browser = new_client()
    user = register(browser, "doctor", username="lostphone")
    enrol(browser)
    admin = admin_client(app, client)
    path = f"/api/admin/users/{user['id']}/mfa-reset"
    no_mfa = admin.post(path, json={"currentPassword": ADMIN_PASSWORD, "code": "123456"})
    assert problem(no_mfa, 422, "validation_error")["errors"]["code"].startswith("turn on")
    secret, _ = enrol(admin)

    wrong_password = admin.post(path, json={"currentPassword": "not it", "code": code(secret, 1)})
    assert "currentPassword" in problem(wrong_password, 422, "validation_error")["errors"]
    wrong_code = admin.post(path, json={"currentPassword": ADMIN_PASSWORD, "code": "000000"})
    assert "code" in problem(wrong_code, 422, "validation_error")["errors"]
    assert browser.get("/api/user").get_json()["mfaEnabled"] is True  # nothing changed
    assert _actions(app) == [] and sent_emails.of_kind("MFA_RESET") == []

    done = admin.post(path, json={"currentPassword": ADMIN_PASSWORD, "code": code(secret, 1)})
    assert done.status_code == 200, done.get_data(as_text=True)
    assert (done.get_json()["mfaEnabled"], done.get_json()["lastAction"]) == (False, "mfa_reset")
    assert browser.get("/api/user").status_code == 401  # signed out everywhere
    login = new_client().post(
        "/api/login", json={"username": "lostphone", "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 200 and login.get_json()["mfaEnabled"] is False
    (email,) = sent_emails.of_kind("MFA_RESET")
    assert email.recipient_id == user["id"] and not email.params
    assert _actions(app) == [(user["id"], "mfa_reset", None)]

    replay = admin.post(path, json={"currentPassword": ADMIN_PASSWORD, "code": code(secret, 1)})
    assert "code" in problem(replay, 422, "validation_error")["errors"]  # a code counts once
    again = admin.post(path, json={"currentPassword": ADMIN_PASSWORD, "code": code(secret, -1)})
    problem(again, 422, "validation_error")  # an older step than the last accepted one
    with app.app_context():
        assert (
            db.session.scalar(select(AdminAction.id).where(AdminAction.action == "suspend")) is None
        )


def test_resetting_without_two_factor_and_ones_own(
    app: OpenAPI, client: ApiClient, new_client: Browsers
) -> None:
    user = register(new_client(), username="nofactor")
    admin = admin_client(app, client)
    secret, _ = enrol(admin)
    body = {"currentPassword": ADMIN_PASSWORD, "code": code(secret, 1)}
    problem(admin.post(f"/api/admin/users/{user['id']}/mfa-reset", json=body), 409,
            "mfa_not_enabled")  # fmt: skip
    me = admin.get("/api/user").get_json()["id"]
    problem(admin.post(f"/api/admin/users/{me}/mfa-reset", json=body), 409, "own_account")
    assert _actions(app) == []


def test_the_database_keeps_admin_actions_append_only(
    app: OpenAPI, client: ApiClient, new_client: Browsers
) -> None:
    user = register(new_client())
    admin = admin_client(app, client)
    admin.post(f"/api/admin/users/{user['id']}/suspend", json={"reason": "r"})
    with app.app_context():
        for statement in ("UPDATE admin_actions SET reason = 'x'", "DELETE FROM admin_actions"):
            with pytest.raises(DBAPIError):
                db.session.execute(text(statement))
            db.session.rollback()
    assert len(_actions(app)) == 1
