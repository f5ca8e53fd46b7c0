"""The test data every folder builds: users of each role, approved doctors with opening
hours, administrators, bookings, and the times they are booked at.

Everything goes through the API with a `Browser` from tests/helpers.py (in-process
`ApiClient` or `LiveClient` against a running server), as a user would. The one exception is
`insert_appointment`: a row with a history the API cannot make (in the past, completed, no
show) for tests of what other domains do with it; and `ensure_specialization`: an entry of the
clinic's list of specializations that an admin would have added, so that registering a doctor
needs no administrator. tests/notifications/factories.py still
writes its users and appointments straight through the ORM (see its docstring).
"""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit

from click.testing import Result
from flask_openapi3 import OpenAPI
from sqlalchemy import select

from clinic360.accounts.models import Specialization, specialization_key
from clinic360.appointments.models import Appointment, AppointmentEvent
from clinic360.core import cache
from clinic360.core.db import transaction
from tests.helpers import ApiClient, Browser, rendered_outbox_email

DEFAULT_PASSWORD = "correct horse battery staple"
ADMIN_PASSWORD = "the admin passphrase"
_counter = itertools.count(1)

C = TypeVar("C", bound=Browser[Any])

# ------------------------------------------------------------------------------------ users


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def registration_body(role: str = "patient", **fields: Any) -> dict[str, Any]:
    """A valid POST /api/register body; `fields` (camelCase) replace or add keys."""
    username = fields.pop("username", unique(role))
    body: dict[str, Any] = {
        "username": username,
        "password": DEFAULT_PASSWORD,
        "email": f"{username}@example.org",
        "fullName": f"{role.title()} {username}",
        "role": role,
        **fields,
    }
    if role == "doctor" and "specializationId" not in body:
        body.setdefault("specialization", "Cardiology")
    return body


def ensure_specialization(target: Browser[Any] | OpenAPI, name: str) -> int:
    """The id of the entry `name` of the list of specializations (ignoring case), added
    through the ORM when missing, as an admin would have. `target`: a browser on the server,
    or the app on its database."""
    app = target.server_app() if isinstance(target, Browser) else target
    # transaction(): on SQLite, BEGIN IMMEDIATE, so a live server's writes in between cannot
    # leave this read-then-insert with a stale snapshot ("database is locked").
    with app.app_context(), transaction() as session:
        key = specialization_key(name)
        entry = session.scalar(select(Specialization).where(Specialization.name_key == key))
        if entry is None:
            entry = Specialization(name=name, active=True)
            session.add(entry)
            session.flush()
        return entry.id


def register(client: Browser[Any], role: str = "patient", **fields: Any) -> dict[str, Any]:
    """Register (and so log in) a user through the API; returns the user object. A doctor's
    specialization (a name, by default Cardiology) is added to the list first if missing."""
    body = registration_body(role, **fields)
    if role == "doctor" and isinstance(body.get("specialization"), str):
        ensure_specialization(client, body["specialization"])
    user: dict[str, Any] = client.call("POST", "/api/register", body, status=201)
    return user


@dataclass
class Party(Generic[C]):
    """A browser and the user logged in there (no user: an anonymous visitor)."""

    client: C
    user: dict[str, Any] = field(default_factory=dict)
    password: str = DEFAULT_PASSWORD

    @property
    def id(self) -> int:
        return int(self.user["id"])

    @property
    def username(self) -> str:
        return str(self.user["username"])

    def fresh_client(self) -> C:
        """Another browser logged in as this user (for calls that end the session)."""
        client = self.client.another()
        if self.user:
            client.log_in(self.username, self.password)
        return client


def new_party(client: C, role: str = "patient", **fields: Any) -> Party[C]:
    """A user of `role` registered (and logged in) in `client`. Doctors are approved at
    registration in tests (DOCTOR_APPROVAL=auto)."""
    return Party(client, register(client, role, **fields))


def open_hours(
    doctor: Party[Any], *, start: str = "08:00", end: str = "18:00"
) -> list[dict[str, Any]]:
    """Open the doctor's hours every day of the week (on the doctor's clock); the entries."""
    return [
        doctor.client.call(
            "POST",
            "/api/schedule",
            {"dayOfWeek": day_of_week, "startTime": start, "endTime": end, "isAvailable": True},
            status=201,
        )
        for day_of_week in range(7)
    ]


def open_doctor(client: C, *, start: str = "08:00", end: str = "18:00", **fields: Any) -> Party[C]:
    """A registered doctor, open from `start` to `end` every day."""
    doctor = new_party(client, "doctor", **fields)
    open_hours(doctor, start=start, end=end)
    return doctor


def create_admin_args(username: str, full_name: str = "Ada Admin") -> list[str]:
    """`flask create-admin` arguments; the password is read from stdin."""
    email = f"{username}@example.org"
    return ["create-admin", "--username", username, "--email", email, "--full-name", full_name,
            "--password-stdin"]  # fmt: skip


def create_admin(app: OpenAPI, username: str = "root", *, stdin: str | None = None) -> Result:
    """Run `flask create-admin` (the only way to make an administrator)."""
    return app.test_cli_runner().invoke(
        args=create_admin_args(username),
        input=stdin if stdin is not None else ADMIN_PASSWORD + "\n",
    )


def admin_party(app: OpenAPI, username: str | None = None) -> Party[ApiClient]:
    """A new administrator (password ADMIN_PASSWORD), logged in in a new browser."""
    username = username or unique("admin")
    result = create_admin(app, username)
    assert result.exit_code == 0, result.output
    client = ApiClient(app)
    return Party(client, client.log_in(username, ADMIN_PASSWORD), ADMIN_PASSWORD)


def staff_party(app: OpenAPI, role: str, username: str | None = None) -> Party[ApiClient]:
    """A new receptionist or manager made with `flask create-staff` (password
    ADMIN_PASSWORD), logged in in a new browser."""
    username = username or unique(role[:4])
    args = ["create-staff", "--role", role, "--username", username, "--email",
            f"{username}@example.org", "--full-name", f"{role.title()} {username}",
            "--password-stdin"]  # fmt: skip
    result = app.test_cli_runner().invoke(args=args, input=ADMIN_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    client = ApiClient(app)
    return Party(client, client.log_in(username, ADMIN_PASSWORD), ADMIN_PASSWORD)


def invitation_token(app: OpenAPI, email: str) -> str:
    """The token of the newest invitation email sent to `email`, read from the rendered
    email's link as the invited person would follow it."""
    from clinic360.outbox.models import OutboxEmail

    with app.app_context(), transaction(write=False) as session:
        ids = session.scalars(
            select(OutboxEmail.id)
            .where(OutboxEmail.kind == "account_invitation")
            .order_by(OutboxEmail.id.desc())
        ).all()
    for outbox_id in ids:
        message = rendered_outbox_email(app, outbox_id)
        if email in message["to"]:
            found = re.search(r"/claim-account#token=([A-Za-z0-9._-]+)", message["text/plain"])
            assert found, message["text/plain"]
            return found.group(1)
    raise AssertionError(f"no invitation to {email}")


# ------------------------------------------------------------------------------------ times


def day(offset: int = 7) -> datetime:
    """Midnight UTC `offset` days from today (a day in the future for bookings)."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=offset)


def at(hour: int, minute: int = 0, *, offset: int = 7) -> datetime:
    """`hour:minute` UTC, `offset` days from today."""
    return day(offset) + timedelta(hours=hour, minutes=minute)


def iso(value: datetime) -> str:
    """An instant as the API writes it: `2026-12-01T08:00:00Z`."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------- bookings


def slot_body(
    doctor: Party[Any], start: datetime, minutes: int = 30, **extra: Any
) -> dict[str, Any]:
    """A POST /api/appointments body for `minutes` from `start` with `doctor`."""
    return {
        "doctorId": doctor.id,
        "startTime": iso(start),
        "endTime": iso(start + timedelta(minutes=minutes)),
        **extra,
    }


def book(patient: Party[C], doctor: Party[Any], start: datetime, minutes: int = 30,
         **extra: Any) -> Any:  # fmt: skip
    """The patient tries to book `start`; the response, whatever it is."""
    return patient.client.post("/api/appointments", json=slot_body(doctor, start, minutes, **extra))


def booked(
    patient: Party[Any], doctor: Party[Any], start: datetime, minutes: int = 30, **extra: Any
) -> dict[str, Any]:
    """The patient books `start` (must succeed); the appointment."""
    body = slot_body(doctor, start, minutes, **extra)
    appointment: dict[str, Any] = patient.client.call("POST", "/api/appointments", body, status=201)
    return appointment


def book_free_slot(
    patient: Party[Any], doctor: Party[Any], *, index: int = 0, **extra: Any
) -> dict[str, Any]:
    """The patient books the doctor's `index`-th free slot as the doctor page offers it (the
    last one when there are fewer); the appointment."""
    slots = patient.client.call("GET", f"/api/doctors/{doctor.id}/slots")
    assert slots, "the doctor has no free slot"
    slot = slots[min(index, len(slots) - 1)]
    body = {"doctorId": doctor.id, "startTime": slot["startTime"], "endTime": slot["endTime"]}
    appointment: dict[str, Any] = patient.client.call(
        "POST", "/api/appointments", {**body, **extra}, status=201
    )
    return appointment


# Tiny real files of the three accepted types (documents, issue 19).
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c"
    "1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0"
    "000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bff"
    "da0008010100003f00d2cf20ffd9"
)


def upload_form(
    data: bytes = TINY_PDF, name: str = "lab result.pdf", title: str = "Lab results",
    kind: str | None = "lab_result",
) -> dict[str, Any]:  # fmt: skip
    """A `multipart/form-data` body for `POST /api/patients/:id/documents` (ApiClient)."""
    form: dict[str, Any] = {"file": (io.BytesIO(data), name), "title": title}
    if kind is not None:
        form["kind"] = kind
    return form


def send_upload(client: ApiClient, path: str, **form: Any) -> Any:
    """POST an upload form (fresh CSRF token first: a retried request would find the file's
    stream already read)."""
    client.csrf_token(refresh=True)
    return client._unsafe("POST", path, data=upload_form(**form))


def send_message_file(
    client: ApiClient, path: str, *, data: bytes = TINY_PDF, name: str = "scan.pdf",
    body: str = "The file you asked for", fields: dict[str, Any] | None = None,
) -> Any:  # fmt: skip
    """POST a message with a file (`multipart/form-data`: `file`, `body`, and `fields`, e.g. a
    new thread's `doctorId` and `subject`) to `path`, a thread's `…/attachments` or
    `/api/messages/threads/attachments` (fresh CSRF token first, as `send_upload`)."""
    client.csrf_token(refresh=True)
    extra = {key: str(value) for key, value in (fields or {}).items()}
    form = {"file": (io.BytesIO(data), name), "body": body, **extra}
    return client._unsafe("POST", path, data=form)


def upload_document(
    uploader: Party[ApiClient], patient_id: int, *, status: int = 201, **form: Any
) -> Any:
    """Upload a document through the API (a tiny PDF by default); the answer's JSON."""
    response = send_upload(uploader.client, f"/api/patients/{patient_id}/documents", **form)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def write_record(doctor: Party[Any], patient: Party[Any], **fields: Any) -> dict[str, Any]:
    """The doctor writes a medical record for the patient through the API; the record."""
    record: dict[str, Any] = doctor.client.call(
        "POST", "/api/records", {"patientId": patient.id, **fields}, status=201
    )
    return record


def insert_appointment(
    app: OpenAPI,
    patient_id: int,
    doctor_id: int,
    start: datetime,
    *,
    minutes: int = 30,
    status: str = "scheduled",
    reason: str | None = None,
    visit_type_id: int | None = None,
    booked_at: datetime | None = None,
    cancelled_at: datetime | None = None,
) -> int:
    """An appointment row written through the ORM, with a history the API cannot make (in
    the past, completed, no show): set-up for tests of other domains. Its id.

    `booked_at` sets when it was booked (`created_at`); `cancelled_at` adds the patient's
    `cancelled` event to its history at that moment (give `status="cancelled"` too)."""
    with app.app_context(), transaction() as session:
        appointment = Appointment(
            patient_id=patient_id,
            doctor_id=doctor_id,
            start_time=start,
            end_time=start + timedelta(minutes=minutes),
            status=status,
            reason=reason,
            visit_type_id=visit_type_id,
            **({"created_at": booked_at} if booked_at is not None else {}),
        )
        session.add(appointment)
        session.flush()
        cache.bump(session, doctor_id)  # as `history.record` does for the API's changes
        if cancelled_at is not None:
            session.add(
                AppointmentEvent(
                    appointment_id=appointment.id,
                    actor_id=patient_id,
                    action="cancelled",
                    via="app",
                    sequence=0,
                    at=cancelled_at,
                )
            )
        return appointment.id


# ------------------------------------------------------------------ OAuth apps (SMART on FHIR)

REDIRECT_URI = "https://app.example.org/callback"


@dataclass(frozen=True)
class OAuthApp:
    client_id: str
    secret: str | None


def register_app(
    app: OpenAPI, *, grant_types: tuple[str, ...] = ("client_credentials",),
    scope: str = "system/Practitioner.rs system/Slot.rs system/Schedule.rs",
    redirect_uris: tuple[str, ...] = (REDIRECT_URI,), public: bool = False,
) -> OAuthApp:  # fmt: skip
    """Register an app with `flask oauth-client create`, as an operator would."""
    args = ["oauth-client", "create", "--name", unique("App"), "--scope", scope]
    for grant in grant_types:
        args += ["--grant-type", grant]
    for uri in redirect_uris:
        args += ["--redirect-uri", uri]
    if public:
        args.append("--public")
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    found = dict(line.split(": ", 1) for line in result.output.splitlines() if ": " in line)
    return OAuthApp(found["client_id"], found.get("client_secret"))


def token_request(client: ApiClient, oauth_app: OAuthApp, **form: str) -> Any:
    """POST /oauth2/token as `oauth_app` (HTTP Basic for a confidential app); the response."""
    if oauth_app.secret is None:
        form["client_id"] = oauth_app.client_id
        return client.http.post("/oauth2/token", data=form)
    auth = (oauth_app.client_id, oauth_app.secret)
    return client.http.post("/oauth2/token", data=form, auth=auth)


def system_token(client: ApiClient, oauth_app: OAuthApp, scope: str) -> str:
    """A client-credentials access token."""
    response = token_request(client, oauth_app, grant_type="client_credentials", scope=scope)
    assert response.status_code == 200, response.get_data(as_text=True)
    return str(response.get_json()["access_token"])


def pkce_pair() -> tuple[str, str]:
    """A PKCE verifier and its S256 challenge (RFC 7636)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorization_query(oauth_app: OAuthApp, scope: str, challenge: str, **extra: str) -> str:
    params = {
        "response_type": "code", "client_id": oauth_app.client_id,
        "redirect_uri": REDIRECT_URI, "scope": scope, "state": "st-1",
        "code_challenge": challenge, "code_challenge_method": "S256", **extra,
    }  # fmt: skip
    return urlencode(params)


def authorization_code(user: Party[ApiClient], oauth_app: OAuthApp, scope: str,
                       challenge: str) -> str:  # fmt: skip
    """The signed-in user approves `scope` for the app on the consent step; the code."""
    query = authorization_query(oauth_app, scope, challenge)
    start = user.client.http.get(f"/oauth2/authorize?{query}")
    assert start.status_code == 302, start.get_data(as_text=True)
    assert start.headers["Location"] == f"/authorize?{query}"
    answer = user.client.call("POST", "/api/oauth2/consent", {"request": query, "approve": True})
    redirect = urlsplit(answer["redirectTo"])
    assert f"{redirect.scheme}://{redirect.netloc}{redirect.path}" == REDIRECT_URI
    params = dict(parse_qsl(redirect.query))
    assert params["state"] == "st-1"
    return params["code"]


# ---------------------------------------------------------------------------- family access


def add_dependent(
    guardian: Party[Any], *, years: int = 6, relationship: str = "child", **fields: Any
) -> dict[str, Any]:
    """The guardian adds a dependent born `years` years (and a day) ago; the dependent."""
    born = (datetime.now(UTC) - timedelta(days=365 * years + years // 4 + 2)).date()
    body = {
        "fullName": fields.pop("fullName", unique("Kid")),
        "dateOfBirth": born.isoformat(),
        "relationship": relationship,
        **fields,
    }
    dependent: dict[str, Any] = guardian.client.call(
        "POST", "/api/family/dependents", body, status=201
    )
    return dependent


def grant_proxy(
    patient: Party[Any], proxy: Party[Any], *capabilities: str, accept: bool = True
) -> dict[str, Any]:
    """`patient` grants `proxy` the capabilities (accepted by the proxy unless told); the grant."""
    body = {"account": proxy.username, "capabilities": list(capabilities)}
    grant: dict[str, Any] = patient.client.call("POST", "/api/family/proxies", body, status=201)
    if accept:
        grant = proxy.client.call("POST", f"/api/family/proxies/{grant['id']}/accept")
    return grant


# ------------------------------------------------------------------------ intake (issue 19)


def default_visit_type_id(doctor: Party[Any]) -> int:
    """The id of the doctor's default visit type (appointments recorded without a type are
    of it)."""
    types = doctor.client.call("GET", "/api/visit-types")
    return int(next(t["id"] for t in types if t["isDefault"]))


INTAKE_QUESTIONS: list[dict[str, Any]] = [
    {"kind": "text", "prompt": "Any allergies?", "mapsTo": "allergies"},
    {"kind": "yes_no", "prompt": "Do you smoke?", "required": True},
    {"kind": "one_choice", "prompt": "How do you feel?", "options": ["Well", "Unwell"]},
    {
        "kind": "several_choices",
        "prompt": "Which medicines do you take?",
        "options": ["Aspirin", "Metformin", "Ramipril"],
        "mapsTo": "medications",
    },
    {"kind": "number", "prompt": "Your weight (kg)?"},
]
"""One question of each kind; the first maps to allergies, the fourth to medications."""


def set_intake_questions(
    doctor: Party[Any],
    questions: list[dict[str, Any]] | None = None,
    visit_type_id: int | None = None,
) -> list[dict[str, Any]]:
    """Give the doctor's (default) visit type these questions (INTAKE_QUESTIONS by default);
    the questions as saved, with their ids."""
    type_id = visit_type_id or default_visit_type_id(doctor)
    body = {"questions": INTAKE_QUESTIONS if questions is None else questions}
    saved: list[dict[str, Any]] = doctor.client.call(
        "PUT", f"/api/visit-types/{type_id}/questions", body
    )
    return saved
