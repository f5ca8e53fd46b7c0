"""Administrators: `flask create-admin`, doctor approval and suspension (GAP-7, AC-06)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask_openapi3 import OpenAPI
from sqlalchemy.orm import Session

from clinic360.accounts import service
from clinic360.accounts.models import User
from tests.accounts.conftest import SentEmails
from tests.factories import ADMIN_PASSWORD, DEFAULT_PASSWORD, create_admin, register
from tests.helpers import ApiClient


def admin_client(app: OpenAPI, client: ApiClient) -> ApiClient:
    result = create_admin(app)
    assert result.exit_code == 0, result.output
    assert ADMIN_PASSWORD not in result.output
    login = client.post("/api/login", json={"username": "root", "password": ADMIN_PASSWORD})
    assert login.status_code == 200 and login.get_json()["role"] == "admin"
    return client


def test_create_admin_checks_the_password_and_the_username(app: OpenAPI) -> None:
    assert create_admin(app, stdin="password\n").exit_code != 0
    assert create_admin(app, "bad name!").exit_code != 0
    assert create_admin(app).exit_code == 0
    taken = create_admin(app)
    assert taken.exit_code != 0 and "taken" in taken.output


def test_create_admin_prompts_twice(app: OpenAPI) -> None:
    runner = app.test_cli_runner()
    args = ["create-admin", "--username", "root2", "--email", "r@example.org", "--full-name", "R"]
    mismatch = runner.invoke(args=args, input=f"{ADMIN_PASSWORD}\nsomething else\n")
    assert mismatch.exit_code != 0
    result = runner.invoke(args=args, input=f"{ADMIN_PASSWORD}\n{ADMIN_PASSWORD}\n")
    assert result.exit_code == 0, result.output


def test_pending_doctor_is_listed_and_approved_with_an_email(
    app: OpenAPI,
    client: ApiClient,
    new_client: Callable[[], ApiClient],
    sent_emails: SentEmails,
) -> None:
    app.config["DOCTOR_APPROVAL"] = "required"
    doctor_browser = new_client()
    doctor = register(doctor_browser, "doctor", username="drpending")
    assert doctor["approved"] is False
    assert doctor_browser.get("/api/user").status_code == 200  # a pending doctor can log in
    register(new_client(), "patient")

    admin = admin_client(app, client)
    pending = admin.get("/api/admin/doctors?approved=false")
    assert pending.status_code == 200 and pending.headers["X-Total-Count"] == "1"
    assert [d["id"] for d in pending.get_json()] == [doctor["id"]]

    approved = admin.post(f"/api/admin/doctors/{doctor['id']}/approve")
    assert approved.status_code == 200 and approved.get_json()["approved"] is True
    admin.post(f"/api/admin/doctors/{doctor['id']}/approve")  # idempotent
    (email,) = sent_emails.of_kind("DOCTOR_APPROVED")
    assert email.recipient_id == doctor["id"]
    assert admin.get("/api/admin/doctors?approved=false").get_json() == []
    assert doctor_browser.get("/api/user").get_json()["approved"] is True


def test_auto_approval(app: OpenAPI, client: ApiClient) -> None:
    app.config["DOCTOR_APPROVAL"] = "auto"
    assert register(client, "doctor")["approved"] is True


def test_suspension_ends_sessions_and_blocks_login(
    app: OpenAPI,
    client: ApiClient,
    new_client: Callable[[], ApiClient],
    sent_emails: SentEmails,
) -> None:
    doctor_browser = new_client()
    doctor = register(doctor_browser, "doctor", username="drgone", specialization="Oncology")
    patient = new_client()
    register(patient)
    assert [d["id"] for d in patient.get("/api/doctors").get_json()] == [doctor["id"]]
    admin = admin_client(app, client)
    missing = admin.post(f"/api/admin/doctors/{doctor['id']}/suspend", json={})
    assert missing.status_code == 422
    response = admin.post(
        f"/api/admin/doctors/{doctor['id']}/suspend", json={"reason": "Licence revoked"}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["suspended"] is True and body["approved"] is False
    assert doctor_browser.get("/api/user").status_code == 401
    login = new_client().post(
        "/api/login", json={"username": "drgone", "password": DEFAULT_PASSWORD}
    )
    assert login.status_code == 403 and login.get_json()["code"] == "account_suspended"
    wrong = new_client().post("/api/login", json={"username": "drgone", "password": "nope-nope"})
    assert wrong.status_code == 401  # no hint without the right password
    assert patient.get("/api/doctors").get_json() == []
    assert patient.get("/api/doctors?specialization=Oncology").get_json() == []
    (email,) = sent_emails.of_kind("DOCTOR_SUSPENDED")
    assert email.recipient_id == doctor["id"] and "Licence" not in str(email.params)


def test_suspension_runs_the_registered_hooks_in_its_transaction(
    app: OpenAPI,
    client: ApiClient,
    new_client: Callable[[], ApiClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, bool]] = []

    def hook(session: Session, doctor: User) -> None:
        seen.append((doctor.id, session.in_transaction()))

    monkeypatch.setattr(service, "_suspension_hooks", [])
    service.on_doctor_suspended(hook)
    doctor = register(new_client(), "doctor")
    admin = admin_client(app, client)
    admin.post(f"/api/admin/doctors/{doctor['id']}/suspend", json={"reason": "r"})
    assert seen == [(doctor["id"], True)]


def test_admin_endpoints_are_for_admins_only(
    app: OpenAPI, client: ApiClient, new_client: Callable[[], ApiClient]
) -> None:
    doctor_browser = new_client()
    doctor = register(doctor_browser, "doctor")
    patient_browser = new_client()
    register(patient_browser)
    for browser in (doctor_browser, patient_browser):
        assert browser.get("/api/admin/doctors").status_code == 403
        assert browser.post(f"/api/admin/doctors/{doctor['id']}/approve").status_code == 403
        suspend = browser.post(f"/api/admin/doctors/{doctor['id']}/suspend", json={"reason": "x"})
        assert suspend.status_code == 403
    assert new_client().get("/api/admin/doctors").status_code == 401
    admin = admin_client(app, client)
    patient_id = patient_browser.get("/api/user").get_json()["id"]
    assert admin.post(f"/api/admin/doctors/{patient_id}/approve").status_code == 404
    assert admin.post("/api/admin/doctors/99999/approve").status_code == 404
