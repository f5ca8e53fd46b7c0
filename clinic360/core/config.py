"""Configuration: every knob is an environment variable with an embedded default.

`SETTINGS` is the single list of knobs; README.md's configuration table mirrors it
(a test checks that every setting is documented there).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic360.core.durations import parse_schedule

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIN_SECRET_KEY_LENGTH = 32


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {raw!r}")


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError(f"must be a positive integer: {raw!r}")
    return value


def _zone_name(raw: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = raw.strip() or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone: {raw!r}") from exc
    return name


def _roles(raw: str) -> frozenset[str]:
    roles = frozenset(part.strip().lower() for part in raw.split(",") if part.strip())
    known = ("patient", "doctor", "admin", "receptionist", "manager")
    unknown = roles - set(known)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}; use {', '.join(known)}")
    return roles


def _non_negative_int(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError(f"must be zero or a positive integer: {raw!r}")
    return value


def _hour(raw: str) -> int:
    value = int(raw)
    if not 0 <= value <= 23:
        raise ValueError(f"must be an hour from 0 to 23: {raw!r}")
    return value


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(repr(a) for a in allowed)}: {raw!r}")
        return value

    return parse


def _https_url(raw: str) -> str:
    """An `https://` address ending in `/` (plain `http://` only for localhost tests)."""
    value = raw.strip()
    if not value.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ValueError(f"must be an https:// address: {raw!r}")
    return value if value.endswith("/") else value + "/"


def _origins(raw: str) -> frozenset[str]:
    """Comma-separated `scheme://host[:port]` origins (no path, no `*`)."""
    from urllib.parse import urlsplit

    found = set()
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        parts = urlsplit(part)
        if (
            parts.scheme not in ("https", "http")
            or not parts.hostname
            or (part != f"{parts.scheme}://{parts.netloc}")
        ):
            raise ValueError(f"not an origin (scheme://host[:port], no '*'): {part!r}")
        found.add(part.lower())
    return frozenset(found)


def _phone_region(raw: str) -> str:
    import phonenumbers

    value = raw.strip().upper()
    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError(f"not a region phonenumbers knows: {raw!r}")
    return value


@dataclass(frozen=True)
class Setting:
    """One environment variable: its default (as text), parser and meaning."""

    name: str
    default: str
    help: str
    parse: Callable[[str], Any] = str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SECRET_KEY",
        "",
        "Session and CSRF signing key, at least 32 characters. When unset, "
        "one is generated into `instance/secret_key` on first run (set it explicitly when "
        "running on several machines).",
    ),
    Setting(
        "INSTANCE_PATH",
        "",
        "Folder for local state (SQLite database, secret key, file "
        "sessions, job queue, email outbox), kept owner-only (folder 0700, files 0600). "
        "Empty: `instance/` in the project.",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "SQLAlchemy URL. Empty: SQLite file `instance/clinic360.db`. "
        "Scaled out: `postgresql+psycopg://user@host/db`.",
    ),
    Setting(
        "REDIS_URL",
        "",
        "Redis URL for sessions, rate-limit counters and the job queue. "
        "Empty: file-backed sessions, database counters, SQLite job queue in `instance/`.",
    ),
    Setting(
        "READ_CACHE_ENABLED",
        "true",
        "Cache the doctor directory's pages and each doctor's free slots, keyed by version "
        "counters that every write changing them bumps in its own transaction (never stale). "
        "In Redis when `REDIS_URL` is set (shared by every process), in-process otherwise.",
        _bool,
    ),
    Setting(
        "READ_CACHE_ENTRIES",
        "2000",
        "Most answers the in-process read cache keeps per server process (least recently used "
        "dropped first); unused with `REDIS_URL`.",
        _positive_int,
    ),
    Setting(
        "READ_CACHE_SECONDS",
        "300",
        "How long a cached read answer is kept (in-process or Redis); a write makes it unused "
        "at once through its version, this only frees memory.",
        _positive_int,
    ),
    Setting("HOST", "127.0.0.1", "Address `make run` / `make serve` bind to."),
    Setting("PORT", "5000", "Port `make run` / `make serve` listen on.", _positive_int),
    Setting("WEB_CONCURRENCY", "2", "gunicorn worker processes.", _positive_int),
    Setting(
        "WEB_THREADS",
        "4",
        "Threads per gunicorn worker (gthread): a slow client holds one thread, not a "
        "whole worker, so WEB_CONCURRENCY × WEB_THREADS requests run at once.",
        _positive_int,
    ),
    Setting(
        "EVENTS_PORT",
        "5001",
        "Port of the live-events server (`python -m clinic360.live_events`; `make run` "
        "starts it): Server-Sent Events that update open calendars and lists.",
        _positive_int,
    ),
    Setting(
        "EVENTS_PUBLIC_URL",
        "",
        "Address browsers open the live-events stream at, e.g. `https://clinic.example/events` "
        "behind the nginx of docs/operations.md. Empty: the web app's host on EVENTS_PORT.",
    ),
    Setting(
        "EVENTS_TICKET_SECONDS",
        "60",
        "How long a live-events ticket may be used to connect.",
        _positive_int,
    ),
    Setting(
        "EVENTS_STREAM_SECONDS",
        "300",
        "How long one live-events stream stays open before the client asks for a new ticket "
        "(a suspended user hears nothing after at most this).",
        _positive_int,
    ),
    Setting(
        "EVENTS_HEARTBEAT_SECONDS",
        "15",
        "A comment on an idle live-events stream this often.",
        _positive_int,
    ),
    Setting(
        "EVENTS_POLL_MS",
        "500",
        "How often each live-events server reads new events (with REDIS_URL, a commit also "
        "wakes it at once).",
        _positive_int,
    ),
    Setting("EVENTS_BATCH", "500", "Live events read per poll at most.", _positive_int),
    Setting(
        "EVENTS_REPLAY_MAX",
        "500",
        "Missed live events replayed to a reconnecting client; more: it is told to refetch.",
        _positive_int,
    ),
    Setting(
        "EVENTS_QUEUE_SIZE",
        "200",
        "Live events waiting for one slow stream; more: the stream is told to refetch and ends.",
        _positive_int,
    ),
    Setting(
        "EVENTS_MAX_STREAMS",
        "1000",
        "Open live-events streams per server process (503 with Retry-After beyond).",
        _positive_int,
    ),
    Setting(
        "EVENTS_RETENTION_MINUTES",
        "60",
        "Live events are kept this long for reconnecting clients (the worker prunes them).",
        _positive_int,
    ),
    Setting(
        "PUBLIC_URL",
        "http://127.0.0.1:5000",
        "Address users reach the web app at, used in "
        "email links. An `https://` address turns on Secure, `__Host-` cookies and HSTS.",
    ),
    Setting(
        "TRUSTED_PROXY_COUNT",
        "0",
        "Reverse proxies in front of the app whose X-Forwarded-For/-Proto headers are trusted.",
        _non_negative_int,
    ),
    Setting(
        "MAX_BODY_BYTES", "1048576", "Largest accepted request body (413 above).", _positive_int
    ),
    Setting(
        "SESSION_IDLE_SECONDS",
        "900",
        "A session ends after this many seconds without a request.",
        _positive_int,
    ),
    Setting(
        "SESSION_TOUCH_SECONDS",
        "60",
        "A signed-in session's last activity (and its expiry in the store) is written back at "
        "most this often (at most a quarter of SESSION_IDLE_SECONDS), not on every request: "
        "the idle timeout may end a session up to this much early.",
        _positive_int,
    ),
    Setting(
        "SESSION_MAX_HOURS",
        "12",
        "A session ends this long after login, whatever the activity.",
        _positive_int,
    ),
    Setting("DB_CONNECT_TIMEOUT_SECONDS", "5", "PostgreSQL connect timeout.", _positive_int),
    Setting(
        "DB_STATEMENT_TIMEOUT_MS",
        "10000",
        "PostgreSQL statement timeout (503 above).",
        _positive_int,
    ),
    Setting(
        "DB_LOCK_TIMEOUT_MS", "3000", "PostgreSQL lock wait timeout (503 above).", _positive_int
    ),
    Setting("DB_POOL_SIZE", "5", "Database connections kept per server process.", _positive_int),
    Setting(
        "DB_PING_IDLE_SECONDS",
        "10",
        "A pooled PostgreSQL connection idle this long is pinged before use (and replaced when "
        "dead); busier ones are used without the extra round trip. 0: ping every checkout.",
        _non_negative_int,
    ),
    Setting(
        "DB_POOL_RECYCLE_SECONDS",
        "1800",
        "A pooled PostgreSQL connection older than this is closed and opened again.",
        _positive_int,
    ),
    Setting(
        "SQLITE_BUSY_TIMEOUT_SECONDS",
        "15",
        "How long an SQLite writer waits for the write lock.",
        _positive_int,
    ),
    Setting(
        "REDIS_TIMEOUT_SECONDS", "1", "Connect and read timeout for Redis calls.", _positive_int
    ),
    # Appointments
    Setting(
        "MAX_FUTURE_APPOINTMENTS_PER_PATIENT",
        "20",
        "Upcoming (scheduled or confirmed) appointments one patient may hold; "
        "booking beyond it → 422 `appointment_limit_reached`.",
        _positive_int,
    ),
    Setting(
        "MAX_UPCOMING_APPOINTMENTS_PER_DOCTOR",
        "3",
        "Upcoming (scheduled or confirmed) appointments one patient may hold with one doctor; "
        "booking beyond it → 422 `doctor_appointment_limit_reached`.",
        _positive_int,
    ),
    Setting(
        "BOOKINGS_PER_ACCOUNT_HOUR",
        "20",
        "Bookings and reschedules one patient account may make per hour; beyond it → 429 "
        "`rate_limited` with Retry-After.",
        _positive_int,
    ),
    Setting(
        "IDEMPOTENCY_KEY_HOURS",
        "24",
        "How long a booking's `Idempotency-Key` answers a repeat with the first booking.",
        _positive_int,
    ),
    Setting(
        "BOOKING_HORIZON_DAYS",
        "365",
        "How far ahead an appointment may start (422 beyond).",
        _positive_int,
    ),
    Setting("ARGON2_TIME_COST", "2", "argon2id iterations.", _positive_int),
    Setting("ARGON2_MEMORY_KIB", "19456", "argon2id memory in KiB.", _positive_int),
    Setting("ARGON2_PARALLELISM", "1", "argon2id lanes.", _positive_int),
    Setting(
        "DOCTOR_APPROVAL",
        "required",
        "`required`: new doctors wait for an admin; `auto`: they are approved at registration.",
    ),
    Setting(
        "LOGIN_FAILURES_PER_USER_ADDRESS",
        "5",
        "Failed logins for one username from one client address before 429 (per window below).",
        _positive_int,
    ),
    Setting(
        "LOGIN_FAILURE_WINDOW_MINUTES",
        "15",
        "Window of the per-username-and-address login failure count.",
        _positive_int,
    ),
    Setting(
        "LOGIN_ATTEMPTS_PER_ADDRESS_HOUR",
        "100",
        "Login attempts (any username, any outcome) per client address per hour.",
        _positive_int,
    ),
    Setting(
        "LOGIN_FAILURES_PER_USER_HOUR",
        "50",
        "Failed logins for one username per hour, over all addresses, before unknown clients "
        "get 429; a known client of the user (`LOGIN_KNOWN_CLIENT_DAYS`) is never blocked by it.",
        _positive_int,
    ),
    Setting(
        "LOGIN_KNOWN_CLIENT_DAYS",
        "30",
        "A browser a user signed in on (signed, HttpOnly device cookie) and an address they "
        "signed in from stay known to that user this long: the per-username cap above does not "
        "apply to them, nor (device only) the per-email reset quota.",
        _positive_int,
    ),
    Setting(
        "REGISTRATIONS_PER_ADDRESS_HOUR",
        "20",
        "Registration attempts per client address per hour.",
        _positive_int,
    ),
    Setting(
        "PASSWORD_RESETS_PER_EMAIL_HOUR",
        "3",
        "Reset emails per email address per hour (known or not); further requests still "
        "answer 202 but send nothing. Requests from a known device of the account are not "
        "counted.",
        _positive_int,
    ),
    Setting(
        "PASSWORD_RESETS_PER_ADDRESS_HOUR",
        "20",
        "Password-reset requests per client address per hour.",
        _positive_int,
    ),
    Setting(
        "PASSWORD_RESET_TOKEN_MINUTES",
        "60",
        "How long a password-reset link stays valid (single use).",
        _positive_int,
    ),
    Setting(
        "INVITATION_HOURS",
        "168",
        "How long the link to claim an account (a patient the front desk registered, a staff "
        "member an admin created) stays valid (single use); the front desk can send a new one.",
        _positive_int,
    ),
    Setting(
        "CHECK_IN_EARLY_MINUTES",
        "240",
        "How long before the start the front desk may check a patient in (`arrived`).",
        _positive_int,
    ),
    Setting(
        "CALENDAR_MAX_DAYS",
        "7",
        "Longest range of the staff and doctor calendar (`GET /api/calendar`), in days.",
        _positive_int,
    ),
    Setting(
        "CALENDAR_MAX_DOCTORS",
        "40",
        "Most doctors (columns) one calendar answer holds; the rest are counted in X-Total-Count.",
        _positive_int,
    ),
    Setting(
        "CALENDAR_FEED_REQUESTS_PER_ADDRESS_HOUR",
        "600",
        "Requests for calendar subscription links (`/api/calendar/<token>.ics`, no login) "
        "per client address per hour, known or unknown link.",
        _positive_int,
    ),
    Setting(
        "ANONYMOUS_READS_PER_MINUTE",
        "60",
        "Reads of the public doctor directory and free slots (`/api/doctors`, "
        "`/api/doctors/<id>`, `/api/doctors/<id>/slots`, `/api/doctors/<id>/visit-types`, "
        "`/api/slots`) without a session, per client address per minute; beyond it → 429 "
        "`rate_limited` with Retry-After. Signed-in users are not counted.",
        _positive_int,
    ),
    Setting(
        "SPECIALIZATIONS_MAX",
        "200",
        "Most entries (retired ones included) the clinic's list of specializations may hold; "
        "`GET /api/specializations` answers them all without paging.",
        _positive_int,
    ),
    Setting(
        "MANAGE_LINK_REQUESTS_PER_ADDRESS_HOUR",
        "120",
        "Requests through appointment links in emails (`/api/manage/<token>…`, no login) per "
        "client address per hour, known or unknown link.",
        _positive_int,
    ),
    Setting(
        "WAITLIST_OFFERS_PER_SLOT",
        "3",
        "Waitlisted patients a freed slot is offered to at once (in joining order); the next "
        "ones are offered when these offers expire.",
        _positive_int,
    ),
    Setting(
        "WAITLIST_OFFER_MINUTES",
        "30",
        "Minutes a waitlist offer (its claim link) stays valid.",
        _positive_int,
    ),
    Setting(
        "WAITLIST_MAX_ENTRIES_PER_PATIENT",
        "5",
        "Waitlist entries one patient may have waiting at once.",
        _positive_int,
    ),
    Setting(
        "WAITLIST_MAX_RANGE_DAYS",
        "90",
        "Longest date range (days, both ends included) of one waitlist entry.",
        _positive_int,
    ),
    Setting(
        "WAITLIST_CLAIMS_PER_ADDRESS_HOUR",
        "60",
        "Requests through waitlist claim links (`/api/claim/<token>…`, no login) per client "
        "address per hour, known or unknown link.",
        _positive_int,
    ),
    Setting(
        "SCHEDULE_MAX_ENTRIES",
        "500",
        "Most schedule entries (weekly and dated windows) one doctor may have.",
        _positive_int,
    ),
    Setting(
        "SERIES_MAX_OCCURRENCES",
        "52",
        "Most occurrences of one recurring series a doctor books at once; more → 422 "
        "`validation_failed` on `count`.",
        _positive_int,
    ),
    Setting(
        "SERIES_MAX_INTERVAL_WEEKS",
        "12",
        "Longest gap, in weeks, between two occurrences of a recurring series (`everyWeeks`).",
        _positive_int,
    ),
    Setting(
        "SERIES_HORIZON_DAYS",
        "730",
        "How far ahead the last occurrence of a recurring series may start (422 beyond).",
        _positive_int,
    ),
    Setting(
        "MAX_VISIT_TYPES_PER_DOCTOR",
        "30",
        "Most visit types (active and retired) one doctor may have; beyond it → 422 "
        "`visit_type_limit_reached`.",
        _positive_int,
    ),
    Setting(
        "ACCESS_LOG_GROUP_MINUTES",
        "10",
        "A patient's access log shows one person's consecutive accesses as one line while "
        "each follows the previous one within this many minutes.",
        _positive_int,
    ),
    Setting(
        "CHART_MAX_ENTRIES_PER_LIST",
        "5000",
        "Most entries one patient's chart list (allergies, problems, medications, vitals) may "
        "hold, counting entered-in-error ones; adding beyond it → 422 `chart_limit_reached`.",
        _positive_int,
    ),
    Setting(
        "TIMELINE_PAGE_SIZE",
        "50",
        "Items one page of a patient's timeline holds (the default and the most a `limit` "
        "asks for; a larger `limit` is capped).",
        _positive_int,
    ),
    Setting(
        "INTAKE_MAX_QUESTIONS",
        "30",
        "Most intake questions one visit type may carry; more → 422 `invalid_question`.",
        _positive_int,
    ),
    Setting(
        "INTAKE_MAX_ANSWER_CHARS",
        "2000",
        "Longest free-text intake answer (characters); longer → 422 `invalid_answer`.",
        _positive_int,
    ),
    Setting(
        "INTAKE_MAX_VERSIONS",
        "50",
        "Most versions (answer sets) one appointment's intake may hold; another → 422 "
        "`intake_limit_reached`.",
        _positive_int,
    ),
    Setting(
        "DOCUMENT_MAX_BYTES",
        "10485760",
        "Largest document (PDF, PNG, JPEG) one upload may carry; larger → 413 "
        "`file_too_large`. Only the upload route accepts bodies above `MAX_BODY_BYTES`.",
        _positive_int,
    ),
    Setting(
        "DOCUMENT_MAX_PER_PATIENT",
        "500",
        "Most documents one patient's record may hold, counting entered-in-error ones; "
        "uploading beyond it → 422 `document_limit_reached`.",
        _positive_int,
    ),
    Setting(
        "DOCUMENT_STORAGE",
        "auto",
        "Where document files are kept: `files` (`instance/documents/`), `database` (the "
        "`document_blobs` table, seen by every machine) or `auto` (files on SQLite, the "
        "database on PostgreSQL).",
        _choice("auto", "files", "database"),
    ),
    Setting(
        "ACCESS_LOG_GROUP_EVENTS",
        "100",
        "Most events listed inside one group of the grouped access log (the newest; the "
        "group's count still counts all).",
        _positive_int,
    ),
    Setting(
        "SCHEDULE_MAX_RANGE_DAYS",
        "366",
        "Most dates one dated schedule entry (time off or extra hours) may cover, counting "
        "its first and last date.",
        _positive_int,
    ),
    Setting(
        "CLOSURES_MAX_PER_YEAR",
        "60",
        "Most clinic closure dates (added by hand or imported public holidays) in one "
        "calendar year.",
        _positive_int,
    ),
    # Family access (accounts/family.py)
    Setting(
        "DEPENDENT_CLAIM_AGE",
        "16",
        "Age (in years) from which a guardian may invite a dependent to claim their own login.",
        _positive_int,
    ),
    Setting(
        "DEPENDENT_INVITE_HOURS",
        "72",
        "How long a dependent's invitation link to claim their account works.",
        _positive_int,
    ),
    Setting(
        "DEPENDENTS_PER_GUARDIAN",
        "20",
        "Most dependents one patient account may add (422 `family_limit_reached` above).",
        _positive_int,
    ),
    Setting(
        "PROXY_GRANTS_PER_PATIENT",
        "20",
        "Most open proxy grants (pending or accepted) one patient may give "
        "(422 `family_limit_reached` above).",
        _positive_int,
    ),
    # Messages between patients and doctors
    Setting(
        "MESSAGE_MAX_CHARS",
        "4000",
        "Longest message body, in characters (422 above).",
        _positive_int,
    ),
    Setting(
        "MESSAGE_RETRACT_SECONDS",
        "300",
        "How long after sending a sender may retract a message the other side has not read.",
        _positive_int,
    ),
    Setting(
        "MESSAGES_PER_SENDER_HOUR",
        "20",
        "Messages (new threads and replies) one account may send per hour; beyond it → 429 "
        "`rate_limited` with Retry-After.",
        _positive_int,
    ),
    Setting(
        "MESSAGE_RESPONSE_TIME_TEXT",
        "within 2 working days",
        "How soon doctors usually answer, as the automatic first reply to a new thread says "
        'it ("… usually answers <this>").',
    ),
    Setting(
        "CLINIC_EMERGENCY_LINE",
        "112",
        "The number the automatic first reply tells patients to call in an emergency "
        "(messages are not for emergencies).",
    ),
    Setting(
        "MESSAGE_DIGEST_HOUR",
        "7",
        "Hour (0–23, on each doctor's clock) at which the worker emails the daily digest to "
        "doctors who chose it instead of one email per message.",
        _hour,
    ),
    Setting(
        "MFA_REQUIRED_ROLES",
        "doctor,admin,receptionist,manager",
        "Comma-separated roles that must enrol in two-factor sign-in (TOTP) before they can "
        "use anything but their profile; the web app sends them to enrolment after login. "
        "Other roles may enrol. Empty: optional for everyone.",
        _roles,
    ),
    Setting(
        "MFA_LOGIN_MINUTES",
        "5",
        "Minutes between the password step and the code step of a two-factor login.",
        _positive_int,
    ),
    Setting("CLINIC_NAME", "Clinic360", "Clinic name shown in emails."),
    Setting(
        "CLINIC_CONTACT_LINE",
        "",
        "How patients reach the clinic (e.g. `Call 030 1234567, Mon–Fri 8–18`), shown on an "
        "appointment's email-link page when it can no longer be changed online. Empty: "
        '"Please contact the clinic."',
    ),
    Setting(
        "VIDEO_BASE_URL",
        "https://meet.jit.si/",
        "Where video visits happen: each video appointment's link is this address followed "
        "by its own unguessable room name (e.g. a self-hosted Jitsi Meet, "
        "`https://meet.example.org/`).",
        _https_url,
    ),
    Setting(
        "SMTP_HOST",
        "",
        "SMTP server for outgoing email. Empty: emails are written as `.eml` files to "
        "`instance/outbox/` (folder 0700, files 0600) and logged.",
    ),
    Setting(
        "SMTP_PORT",
        "0",
        "SMTP port. 0: 587 for `starttls`, 465 for `tls`, 25 for `none`.",
        _non_negative_int,
    ),
    Setting("SMTP_USER", "", "SMTP login user (empty: no login)."),
    Setting("SMTP_PASSWORD", "", "SMTP login password."),
    Setting(
        "SMTP_SECURITY",
        "",
        "`starttls`, `tls` (implicit TLS) or `none`; certificates are verified. Empty: "
        "`starttls`, or `none` when `SMTP_HOST` is a loopback address. `none` is refused "
        "for any other host.",
        _choice("", "starttls", "tls", "none"),
    ),
    Setting(
        "SMTP_TIMEOUT_SECONDS", "10", "Timeout of each SMTP connect and command.", _positive_int
    ),
    Setting(
        "MAIL_FROM",
        "no-reply@clinic360.localhost",
        "Sender address of every email (shown with `CLINIC_NAME`); its domain also names "
        "`Message-ID`s and calendar `UID`s.",
    ),
    Setting(
        "REMINDER_SCHEDULE",
        "7d,24h,2h",
        "When reminders go out before a scheduled or confirmed appointment: comma-separated "
        "steps in `m`, `h` or `d` (5 minutes to 60 days, at most 10). Each step is sent once "
        "per appointment and start time; a step already past when the time was booked or "
        "moved is skipped; patients may turn steps off in their profile. Empty: none.",
        parse_schedule,
    ),
    Setting(
        "REMINDER_HOURS",
        "",
        "Deprecated: a single reminder this many hours before; used only when "
        "`REMINDER_SCHEDULE` is not set (then the schedule is that one step).",
    ),
    Setting(
        "OUTBOX_POLL_SECONDS",
        "2",
        "How often each worker looks for due emails (besides the wake-up after each commit).",
        _positive_int,
    ),
    Setting("OUTBOX_BATCH_SIZE", "20", "Emails a worker claims at once.", _positive_int),
    Setting(
        "OUTBOX_LEASE_SECONDS",
        "300",
        "How long a claimed email belongs to one worker; after that another worker "
        "sends it (a worker that died mid-send). At least 4 × `SMTP_TIMEOUT_SECONDS`.",
        _positive_int,
    ),
    Setting(
        "OUTBOX_MAX_ATTEMPTS",
        "10",
        "Delivery attempts before an email with transient failures is marked failed.",
        _positive_int,
    ),
    Setting(
        "OUTBOX_BACKOFF_SECONDS",
        "30",
        "First retry delay; it doubles per attempt (with jitter: half to all of it).",
        _positive_int,
    ),
    Setting(
        "OUTBOX_BACKOFF_MAX_SECONDS",
        "21600",
        "Longest retry delay.",
        _positive_int,
    ),
    Setting(
        "PHONE_DEFAULT_REGION",
        "DE",
        "Region (ISO 3166 two-letter code) of a mobile number entered without `+` and "
        "country code; numbers are stored in E.164.",
        _phone_region,
    ),
    Setting(
        "SMS_PROVIDER_URL",
        "",
        "HTTPS endpoint of the SMS provider (a JSON POST `{to, from, text}`). Empty: text "
        "messages are written as `.txt` files to `instance/sms-outbox/` (folder 0700, files "
        "0600).",
    ),
    Setting("SMS_API_KEY", "", "Sent to the SMS provider as `Authorization: Bearer <key>`."),
    Setting("SMS_SENDER", "Clinic360", "The `from` of every text message (name or number)."),
    Setting(
        "SMS_TIMEOUT_SECONDS",
        "10",
        "Timeout of each request to the SMS provider (then retried later).",
        _positive_int,
    ),
    Setting(
        "ATTENDANCE_WINDOW_DAYS",
        "365",
        "How far back no-shows and late cancellations are counted (the patient's attendance "
        "record, shown to their doctors).",
        _positive_int,
    ),
    Setting(
        "LATE_CANCELLATION_HOURS",
        "24",
        "A patient's cancellation less than this many hours before the start counts as late "
        "in the attendance record.",
        _positive_int,
    ),
    Setting(
        "NO_SHOW_POLICY",
        "off",
        "`off`; `warn`: patients with no-shows see their record before booking; `confirm`: "
        "as `warn`, and from `NO_SHOW_LIMIT` no-shows a patient's online booking arrives "
        "as `requested` and waits for the doctor's confirmation.",
        _choice("off", "warn", "confirm"),
    ),
    Setting(
        "NO_SHOW_LIMIT",
        "3",
        "No-shows in `ATTENDANCE_WINDOW_DAYS` from which `NO_SHOW_POLICY=confirm` applies.",
        _positive_int,
    ),
    Setting(
        "REPORTS_MAX_RANGE_DAYS",
        "366",
        "Longest date range (days, both ends included) of one report (`/api/reports/…`).",
        _positive_int,
    ),
    Setting(
        "REPORTS_TIMEZONE",
        "UTC",
        "IANA time zone whose dates the reports' `from`/`to` and per-day rows are read on.",
        _zone_name,
    ),
    Setting("LOG_LEVEL", "INFO", "Log level of the JSON logs on stderr."),
    Setting("WEB_DIST", "", "Folder of the built web app. Empty: `web/dist`."),
    Setting(
        "OAUTH_ACCESS_TOKEN_SECONDS",
        "300",
        "Lifetime of an OAuth access token for `/fhir/R4` (SMART apps); refresh tokens renew it.",
        _positive_int,
    ),
    Setting(
        "OAUTH_REFRESH_TOKEN_DAYS",
        "30",
        "Lifetime of a refresh token (issued only with `offline_access`; each use rotates it).",
        _positive_int,
    ),
    Setting(
        "OAUTH_CODE_SECONDS",
        "60",
        "Lifetime of an OAuth authorization code (used once).",
        _positive_int,
    ),
    Setting(
        "OAUTH_JWT_PRIVATE_KEY_FILE",
        "",
        "PEM file of the RSA private key that signs OpenID Connect id_tokens (RS256). Empty: "
        "`instance/oauth_jwt_key.pem`, generated on first use (mode 0600).",
    ),
    Setting(
        "FHIR_CORS_ORIGINS",
        "",
        "Comma-separated origins (`https://app.example.org`) of browser SMART apps allowed to "
        "call `/fhir/R4` and `/oauth2/token|revoke|jwks` cross-origin. Empty: no CORS headers. "
        "`*` is refused: list each app.",
        _origins,
    ),
    Setting(
        "FHIR_DEFAULT_COUNT",
        "20",
        "Entries per page of a `/fhir/R4` search when `_count` is not given.",
        _positive_int,
    ),
    Setting(
        "FHIR_MAX_COUNT",
        "100",
        "Largest `_count` a `/fhir/R4` search honours (larger values are lowered to it).",
        _positive_int,
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


class ConfigError(RuntimeError):
    """A setting holds a value the app cannot run with."""


def load_settings(
    instance_path: Path, overrides: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Read every setting from the environment (then `overrides`), parsed and defaulted."""
    raw = {s.name: os.environ.get(s.name, s.default) for s in SETTINGS}
    for name, value in (overrides or {}).items():
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name}")
        raw[name] = value
    values: dict[str, Any] = {}
    for name, text in raw.items():
        try:
            values[name] = _BY_NAME[name].parse(text)
        except ValueError as exc:
            raise ConfigError(f"{name}: {exc}") from exc
    if not values["DATABASE_URL"]:
        values["DATABASE_URL"] = f"sqlite:///{instance_path / 'clinic360.db'}"
    values["DATABASE_URL"] = normalise_database_url(values["DATABASE_URL"])
    if not values["WEB_DIST"]:
        values["WEB_DIST"] = str(PROJECT_ROOT / "web" / "dist")
    if values["DOCTOR_APPROVAL"] not in {"required", "auto"}:
        raise ConfigError("DOCTOR_APPROVAL must be 'required' or 'auto'")
    _reminder_hours_alias(
        values,
        schedule_given="REMINDER_SCHEDULE" in os.environ
        or "REMINDER_SCHEDULE" in (overrides or {}),
    )
    values["SECRET_KEY"] = values["SECRET_KEY"] or _instance_secret_key(instance_path)
    if len(values["SECRET_KEY"]) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters")
    return values


def _reminder_hours_alias(values: dict[str, Any], *, schedule_given: bool) -> None:
    """REMINDER_HOURS (deprecated) stands for a one-step schedule when no schedule is set."""
    hours = str(values.pop("REMINDER_HOURS") or "").strip()
    if not hours or schedule_given:
        return
    try:
        values["REMINDER_SCHEDULE"] = parse_schedule(f"{_positive_int(hours)}h")
    except ValueError as exc:
        raise ConfigError(f"REMINDER_HOURS: {exc}") from exc


PRIVATE_UMASK = 0o077


def private_instance_folder(instance_path: Path) -> None:
    """Make the instance folder owner-only (review #23 F-4), before anything writes to it.

    It holds the SQLite database and its WAL/SHM files, the job queue, file sessions, the
    secret key and the email outbox. The process umask becomes 077, so everything this
    process (server, worker, CLI) creates is 0600/0700; the folder and what an earlier
    release left directly in it (0644 files, 0755 folders) are tightened too.
    """
    os.umask(PRIVATE_UMASK)
    instance_path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in (instance_path, *instance_path.iterdir()):
        if path.is_symlink() or path.stat().st_uid != os.getuid():
            continue
        private = 0o700 if path.is_dir() else 0o600
        if path.stat().st_mode & 0o777 & ~private:
            path.chmod(private)


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain `postgresql://` URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret_key(instance_path: Path) -> str:
    """Read `instance/secret_key`, creating it (0600) on first use.

    The key is written to a private temporary file and hard-linked into place, so
    processes starting together all end up reading the same complete key.
    """
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        candidate = instance_path / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(candidate, key_file)
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    return key_file.read_text().strip()
