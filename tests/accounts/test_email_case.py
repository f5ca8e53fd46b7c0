"""Review #23 F-10: emails are unique ignoring case — any case, not only ASCII — on both
databases (SQLite's lower() folds ASCII only), and a reset finds the one account."""

from __future__ import annotations

from collections.abc import Callable

from tests.accounts.conftest import SentEmails
from tests.factories import DEFAULT_PASSWORD, register, registration_body
from tests.helpers import ApiClient


def test_non_ascii_case_variants_are_one_address(
    new_client: Callable[[], ApiClient], sent_emails: SentEmails
) -> None:
    first = register(new_client(), email="ÄBC@example.org")
    for variant in ("äbc@example.org", "äBC@EXAMPLE.ORG"):
        taken = new_client().post("/api/register", json=registration_body(email=variant))
        assert taken.status_code == 409 and taken.get_json()["code"] == "email_taken"
    reset = new_client().post("/api/password-reset", json={"email": "äbc@example.org"})
    assert reset.status_code == 202
    (email,) = sent_emails.of_kind("PASSWORD_RESET")
    assert email.recipient_id == first["id"]


def test_profile_email_change_to_a_case_variant_of_another_is_taken(
    new_client: Callable[[], ApiClient],
) -> None:
    register(new_client(), email="Øre@example.org")
    browser = new_client()
    register(browser)
    changed = browser.put(
        "/api/user", json={"email": "øRE@example.org", "currentPassword": DEFAULT_PASSWORD}
    )
    assert changed.status_code == 409 and changed.get_json()["code"] == "email_taken"


def test_own_address_in_another_case_is_not_taken(new_client: Callable[[], ApiClient]) -> None:
    browser = new_client()
    register(browser, email="Émile@example.org")
    changed = browser.put(
        "/api/user", json={"email": "émile@example.org", "currentPassword": DEFAULT_PASSWORD}
    )
    assert changed.status_code == 200 and changed.get_json()["email"] == "émile@example.org"
