"""SMART App Launch v2 scopes: parsing, what each grant kind may ask for, and plain words.

A scope narrows what its holder may do; it never widens it. `patient/…` reaches only the
signed-in patient's own compartment, `user/…` what the signed-in user may already see in
the web app, `system/…` (client credentials only) what the app was registered for. v1
forms (`read`, `write`, `*`) are read as their v2 letters. Granular scopes (`?category=…`)
and resource types this server does not serve are refused (`invalid_scope`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from clinic360.accounts.models import Role

RESOURCE_TYPES = (
    "Practitioner", "PractitionerRole", "Schedule", "Slot", "Patient", "Appointment",
    "AuditEvent",
)  # fmt: skip
"""The resource types `/fhir/R4` serves (the CapabilityStatement lists the same)."""
IDENTITY_SCOPES = frozenset(
    {"openid", "fhirUser", "offline_access", "online_access", "launch/patient"}
)
_SCOPE = re.compile(
    r"^(?P<context>patient|user|system)/(?P<type>\*|[A-Z][A-Za-z]{1,63})"
    r"\.(?P<perms>\*|read|write|c?r?u?d?s?)$"
)
_V1 = {"*": "cruds", "read": "rs", "write": "cud"}
_VERBS = {"c": "create", "r": "read", "u": "change", "d": "delete", "s": "search"}
_NOUNS = {
    "Practitioner": "doctors' public profiles",
    "PractitionerRole": "doctors' specialties",
    "Schedule": "doctors' calendars",
    "Slot": "free appointment times",
    "Patient": "patients' names, emails and dates of birth",
    "Appointment": "appointments",
    "AuditEvent": "your access log (who read or changed your data)",
    "*": "all data",
}
_IDENTITY_WORDS = {
    "openid": "Know who you are",
    "fhirUser": "See your name and whether you are a patient or a doctor",
    "offline_access": "Stay connected while you are not using it, until you revoke it",
    "online_access": "Stay connected while you are signed in",
    "launch/patient": "Open on your own patient record",
}


class Context(StrEnum):
    PATIENT = "patient"
    USER = "user"
    SYSTEM = "system"


@dataclass(frozen=True)
class ResourceScope:
    context: Context
    resource_type: str  # a type of RESOURCE_TYPES or "*"
    permissions: frozenset[str]  # letters of "cruds"

    def covers(self, resource_type: str, permission: str) -> bool:
        return self.resource_type in ("*", resource_type) and permission in self.permissions


@dataclass(frozen=True)
class Scopes:
    """A parsed scope string: resource scopes and identity scopes."""

    resources: tuple[ResourceScope, ...]
    identity: frozenset[str]

    def allows(self, resource_type: str, permission: str) -> bool:
        return any(scope.covers(resource_type, permission) for scope in self.resources)

    @property
    def contexts(self) -> frozenset[Context]:
        return frozenset(scope.context for scope in self.resources)


class ScopeError(ValueError):
    """A scope string this server does not accept; the message names no user data."""


def parse_one(text: str) -> ResourceScope | str:
    """One scope: a ResourceScope, or the identity scope itself; ScopeError otherwise."""
    if text in IDENTITY_SCOPES:
        return text
    match = _SCOPE.match(text)
    if match is None or not match["perms"]:
        raise ScopeError(f"unknown scope {text[:80]!r}")
    if match["type"] not in (*RESOURCE_TYPES, "*"):
        raise ScopeError(f"this server has no resource type {match['type']!r}")
    perms = _V1.get(match["perms"], match["perms"])
    return ResourceScope(Context(match["context"]), match["type"], frozenset(perms))


def parse(scope: str | None) -> Scopes:
    """A space-separated scope string; ScopeError on any unknown part."""
    resources: list[ResourceScope] = []
    identity: set[str] = set()
    for part in (scope or "").split():
        parsed = parse_one(part)
        if isinstance(parsed, ResourceScope):
            resources.append(parsed)
        else:
            identity.add(parsed)
    return Scopes(tuple(resources), frozenset(identity))


def check_for_grant(scope: str | None, grant_type: str) -> Scopes:
    """The scopes an app may ask for with `grant_type`: client credentials take `system/`
    scopes only (no user is behind them); the authorization code takes `patient/`, `user/`
    and the identity scopes. ScopeError otherwise."""
    parsed = parse(scope)
    if grant_type == "client_credentials":
        if parsed.identity or parsed.contexts - {Context.SYSTEM}:
            raise ScopeError("client credentials take system/ scopes only")
    elif Context.SYSTEM in parsed.contexts:
        raise ScopeError("system/ scopes need client credentials")
    return parsed


def beyond_role(scope: str, role: str) -> list[str]:
    """The parts of `scope` a user of `role` cannot grant: `patient/` and `launch/patient`
    need a patient (the compartment is their own), resource scopes and `fhirUser` need a
    patient or a doctor (the only users who are a FHIR resource)."""
    refused = []
    for part in scope.split():
        parsed = parse_one(part)
        if not isinstance(parsed, ResourceScope):
            if (part == "launch/patient" and role != Role.PATIENT.value) or (
                part == "fhirUser" and role not in (Role.PATIENT.value, Role.DOCTOR.value)
            ):
                refused.append(part)
            continue
        if role == Role.ADMIN.value or (
            parsed.context == Context.PATIENT and role != Role.PATIENT.value
        ):
            refused.append(part)
    return refused


def describe(scope: str) -> list[str]:
    """Each part of a scope in plain words, for the consent page (unknown parts: ScopeError)."""
    lines = []
    for part in scope.split():
        parsed = parse_one(part)
        if isinstance(parsed, str):
            lines.append(_IDENTITY_WORDS[parsed])
            continue
        verbs = [word for letter, word in _VERBS.items() if letter in parsed.permissions]
        said = ", ".join(verbs[:-1]) + (" and " if len(verbs) > 1 else "") + verbs[-1]
        whose = {
            Context.PATIENT: "as you, the patient",
            Context.USER: "as you see them",
            Context.SYSTEM: "for the whole clinic",
        }[parsed.context]
        lines.append(f"{said.capitalize()} {_NOUNS[parsed.resource_type]} ({whose})")
    return lines


def beyond(requested: str, allowed: str) -> list[str]:
    """The parts of `requested` no part of `allowed` covers (same context, the same type or
    `*`, a subset of its permissions; identity scopes by name)."""
    granted = parse(allowed)
    refused = []
    for part in requested.split():
        parsed = parse_one(part)
        if isinstance(parsed, str):
            ok = parsed in granted.identity
        else:
            ok = any(
                scope.context == parsed.context
                and scope.resource_type in ("*", parsed.resource_type)
                and parsed.permissions <= scope.permissions
                for scope in granted.resources
            )
        if not ok:
            refused.append(part)
    return refused
