"""Discovery: the CapabilityStatement (`/fhir/R4/metadata`) and the SMART configuration
(`/fhir/R4/.well-known/smart-configuration`). Older clients (the Python `fhirclient`) read
the OAuth endpoints only from the statement's `rest.security` extension."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from clinic360.oauth.scopes import RESOURCE_TYPES

OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"
SEARCH_PARAMS: dict[str, list[tuple[str, str, str]]] = {
    "Practitioner": [
        ("name", "string", "Part of the doctor's name"),
        ("_id", "token", "The doctor's id"),
    ],
    "PractitionerRole": [
        ("practitioner", "reference", "Practitioner/<id> or <id>"),
        ("specialty", "token", "The specialization's id or name (system|code accepted)"),
    ],
    "Schedule": [
        ("actor", "reference", "Practitioner/<id>: the doctor's schedules, one per visit type"),
        ("_id", "token", "<doctor> (the default visit type's) or <doctor>-<visit type>"),
        ("service-type", "token", "A visit type id (urn:clinic360:visit-type)"),
    ],
    "Slot": [
        ("schedule", "reference", "Schedule/<id> (required; one doctor's calendar of one type)"),
        ("start", "date", "ge/gt/le/lt bounds, at most 62 days apart"),
        ("status", "token", "free (only free slots are computed)"),
        (
            "service-type",
            "token",
            "A visit type id (urn:clinic360:visit-type); default: the schedule's type",
        ),
    ],
    "AuditEvent": [("patient", "reference", "Patient/<id>: the token's own (patient tokens)")],
    "Patient": [
        ("_id", "token", "The patient's id"),
        ("name", "string", "Part of the patient's name"),
        ("birthdate", "date", "Date of birth, with ge/gt/le/lt"),
    ],
    "Appointment": [
        ("patient", "reference", "Patient/<id> or <id>"),
        ("practitioner", "reference", "Practitioner/<id> or <id>"),
        ("actor", "reference", "Patient/<id>, Practitioner/<id> or <id>"),
        ("date", "date", "The start, with ge/gt/le/lt"),
        ("status", "token", "FHIR appointment status codes, comma separated"),
    ],
}
READ_SEARCH = ("read", "search-type")
INTERACTIONS: dict[str, tuple[str, ...]] = {
    "Appointment": (*READ_SEARCH, "create", "update"),
    "AuditEvent": ("search-type",),
}
DOCUMENTATION = {
    "Appointment": "create: status booked, a Patient and a Practitioner participant, start "
    "(and end) or one Slot; 409 when taken (alternatives in diagnostics). update: only "
    "status cancelled with cancelationReason.",
}
COMMON_PARAMS = [
    ("_count", "number", "Page size (at most FHIR_MAX_COUNT)"),
    ("_offset", "number", "Where the page starts (the next link carries it)"),
]
HANDLING = (
    "Search: parameters not listed for a resource (modifiers included) are ignored and left "
    "out of the Bundle's self link; with `Prefer: handling=strict` the search answers 400, an "
    "OperationOutcome of type `not-supported` with details `unknown_search_parameter` naming "
    "them."
)
SCOPES = [
    "openid", "fhirUser", "launch/patient", "offline_access",
    *(f"{context}/{kind}.rs" for context in ("patient", "user", "system")
      for kind in (*RESOURCE_TYPES, "*")),
    *(f"{context}/Appointment.cu" for context in ("patient", "user", "system")),
]  # fmt: skip


def oauth_urls(origin: str) -> dict[str, str]:
    return {
        "authorize": f"{origin}/oauth2/authorize",
        "token": f"{origin}/oauth2/token",
        "revoke": f"{origin}/oauth2/revoke",
        "jwks": f"{origin}/oauth2/jwks",
    }


def capability_statement(origin: str, software_version: str) -> CapabilityStatement:
    urls = oauth_urls(origin)
    resources = [
        {
            "type": kind,
            "interaction": [{"code": code} for code in INTERACTIONS.get(kind, READ_SEARCH)],
            "documentation": DOCUMENTATION.get(kind),
            "searchParam": [
                {"name": name, "type": kind_of, "documentation": doc}
                for name, kind_of, doc in (*SEARCH_PARAMS[kind], *COMMON_PARAMS)
            ],
        }
        for kind in RESOURCE_TYPES
    ]
    return CapabilityStatement(
        status="active",
        date="2026-12-07",
        kind="instance",
        software={"name": "Clinic360", "version": software_version},
        implementation={"description": "Clinic360 FHIR R4 API", "url": f"{origin}/fhir/R4"},
        fhirVersion="4.0.1",
        format=["application/fhir+json", "json"],
        rest=[
            {
                "mode": "server",
                "documentation": HANDLING,
                "security": {
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "SMART-on-FHIR",
                                }
                            ]
                        }
                    ],
                    "extension": [
                        {
                            "url": OAUTH_URIS,
                            "extension": [
                                {"url": name, "valueUri": url}
                                for name, url in urls.items()
                                if name != "jwks"
                            ],
                        }
                    ],
                },
                "resource": resources,
            }
        ],
    )


def smart_configuration(origin: str) -> dict[str, Any]:
    """SMART App Launch 2.0 `.well-known/smart-configuration`."""
    urls = oauth_urls(origin)
    return {
        "issuer": f"{origin}/fhir/R4",
        "jwks_uri": urls["jwks"],
        "authorization_endpoint": urls["authorize"],
        "token_endpoint": urls["token"],
        "revocation_endpoint": urls["revoke"],
        "token_endpoint_auth_methods_supported": [
            "client_secret_basic", "client_secret_post", "none",
        ],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": SCOPES,
        "capabilities": [
            "launch-standalone", "client-public", "client-confidential-symmetric",
            "permission-offline", "permission-patient", "permission-user", "permission-v2",
            "permission-v1", "sso-openid-connect", "context-standalone-patient",
        ],
    }  # fmt: skip


def openid_configuration(origin: str) -> dict[str, Any]:
    """OpenID Connect discovery for the issuer `<origin>/fhir/R4` (id_tokens: `oauth/oidc.py`)."""
    smart = smart_configuration(origin)
    return {
        **{key: smart[key] for key in (
            "issuer", "jwks_uri", "authorization_endpoint", "token_endpoint",
            "revocation_endpoint", "token_endpoint_auth_methods_supported",
            "grant_types_supported", "response_types_supported",
            "code_challenge_methods_supported", "scopes_supported",
        )},
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "claims_supported": ["iss", "sub", "aud", "exp", "iat", "nonce", "fhirUser"],
    }  # fmt: skip
