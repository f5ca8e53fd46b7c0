"""Parties for appointment tests: a doctor, two patients, each in their own browser."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.appointments.helpers import Party, new_party, open_hours
from tests.helpers import ApiClient


@pytest.fixture
def doctor(new_client: Callable[[], ApiClient]) -> Party:
    party = new_party(new_client(), "doctor", fullName="Dr. Bob Jones")
    open_hours(party)
    return party


@pytest.fixture
def patient(new_client: Callable[[], ApiClient]) -> Party:
    return new_party(new_client(), "patient", fullName="Alice Smith")


@pytest.fixture
def other_patient(new_client: Callable[[], ApiClient]) -> Party:
    return new_party(new_client(), "patient", fullName="Carol White")


@pytest.fixture
def make_party(new_client: Callable[[], ApiClient]) -> Callable[..., Party]:
    """A new patient, or a new doctor open 08:00–18:00 every day."""

    def make(role: str, **fields: object) -> Party:
        party = new_party(new_client(), role, **fields)
        if role == "doctor":
            open_hours(party)
        return party

    return make
