"""Parties for waitlist tests: a doctor open 08:00–18:00 (UTC) every day, patients."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.factories import Party, new_party, open_doctor
from tests.helpers import ApiClient
from tests.notifications.smtp import SmtpServer


@pytest.fixture
def doctor(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return open_doctor(new_client(), fullName="Dr. Bob Jones")


@pytest.fixture
def make_patient(new_client: Callable[[], ApiClient]) -> Callable[..., Party[ApiClient]]:
    return lambda **fields: new_party(new_client(), "patient", **fields)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()
