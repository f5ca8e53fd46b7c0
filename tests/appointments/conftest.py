"""Parties for appointment tests: a doctor, two patients, each in their own browser."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.factories import Party, new_party, open_doctor
from tests.helpers import ApiClient


@pytest.fixture
def doctor(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return open_doctor(new_client(), fullName="Dr. Bob Jones")


@pytest.fixture
def patient(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return new_party(new_client(), "patient", fullName="Alice Smith")


@pytest.fixture
def other_patient(new_client: Callable[[], ApiClient]) -> Party[ApiClient]:
    return new_party(new_client(), "patient", fullName="Carol White")


@pytest.fixture
def make_party(new_client: Callable[[], ApiClient]) -> Callable[..., Party[ApiClient]]:
    """A new patient, or a new doctor open 08:00–18:00 every day."""

    def make(role: str, **fields: object) -> Party[ApiClient]:
        if role == "doctor":
            return open_doctor(new_client(), **fields)
        return new_party(new_client(), role, **fields)

    return make
