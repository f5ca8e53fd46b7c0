"""CONC-06: concurrent registrations of one name in different case give exactly one account."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask_openapi3 import OpenAPI
from sqlalchemy import func, select

from clinic360.accounts.models import User
from clinic360.core.db import db
from tests.factories import DEFAULT_PASSWORD
from tests.helpers import ApiClient


def test_twenty_concurrent_registrations_one_account(
    app: OpenAPI, new_client: Callable[[], ApiClient]
) -> None:
    names = ["Alice", "alice", "ALICE"]
    emails = ["A@example.org", "a@example.org"]
    browsers = [new_client() for _ in range(20)]
    for browser in browsers:
        browser.csrf_token()
    barrier = threading.Barrier(len(browsers))
    results: list[tuple[int, str]] = []

    def attempt(index: int, browser: ApiClient) -> None:
        barrier.wait()
        response = browser.post(
            "/api/register",
            json={
                "username": names[index % 3],
                "password": DEFAULT_PASSWORD,
                "email": emails[index % 2],
                "fullName": "Alice",
                "role": "patient",
            },
        )
        results.append((response.status_code, (response.get_json() or {}).get("code", "")))

    threads = [threading.Thread(target=attempt, args=(i, b)) for i, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(status for status, _ in results)
    assert statuses == [201] + [409] * 19, results
    assert {code for status, code in results if status == 409} <= {"username_taken", "email_taken"}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1
