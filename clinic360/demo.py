"""`flask seed-demo`: a demo clinic to try the product, or large data sets for `make bench`.

Everything is written with bulk inserts (PostgreSQL `COPY`, executemany elsewhere), never
through the HTTP API. One password is hashed once and every seeded account shares it.
Appointments are non-overlapping per doctor and per patient by construction:

- each doctor books distinct slots of their own weekly grid (wall-clock windows in the
  doctor's zone, cut into `slot_minutes` pieces, skipping their time off);
- patients are handed out in start order, each only once their previous appointment ended.

Layout per doctor: about a fifth of the appointments (at most 30 % of the slots) fall in the
next `FUTURE_DAYS` days; the rest fill the past at `PAST_DENSITY`, reaching back as far as
needed. Data sets that differ only in their number of doctors therefore give every doctor
the same bookings in the range the app searches, whatever the table size.

About `RECORD_SHARE` of the completed visits have a medical record: version 1, written by
the visit's doctor shortly after it, hashed by the records domain's `content_sha256` (so
`flask records verify` passes). Seeding writes no access-log rows: nobody read anything.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Connection, MetaData, Table, func, inspect, select, text

from clinic360.accounts.models import Role, name_key, specialization_key
from clinic360.accounts.passwords import hash_password
from clinic360.appointments.models import Appointment, AppointmentStatus
from clinic360.core.clock import utcnow
from clinic360.core.db import db
from clinic360.records.integrity import content_sha256
from clinic360.records.models import MedicalRecord
from clinic360.schedules.models import DEFAULT_COLOUR, MAX_HORIZON_DAYS

DEMO_PASSWORD = "clinic360-demo"  # noqa: S105  (documented demo password)
"""The password of every seeded account (README, `flask seed-demo --help`)."""

FUTURE_DAYS = 62
FUTURE_SHARE = 0.2
MAX_FUTURE_DENSITY = 0.3
PAST_DENSITY = 0.6
MIN_PAST_DAYS = 56
MAX_PAST_DAYS = 3660
HEAVY_PATIENT_PAST = 200
"""`patient1` gets up to this many past appointments (the "my appointments" benchmark)."""
COPY_BATCH_ROWS = 50_000

SPECIALIZATIONS = (
    "Cardiology",
    "Dermatology",
    "Endocrinology",
    "Family Medicine",
    "Gastroenterology",
    "Neurology",
    "Obstetrics and Gynecology",
    "Ophthalmology",
    "Orthopedics",
    "Pediatrics",
    "Psychiatry",
    "Pulmonology",
)
TIMEZONES = (
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Sydney",
    "America/Los_Angeles",
    "Europe/London",
    "Asia/Tokyo",
    "America/Sao_Paulo",
    "Africa/Nairobi",
    "America/Chicago",
    "Europe/Madrid",
    "UTC",
)
FIRST_NAMES = (
    "Amara", "Ben", "Chen", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kavya", "Liam", "Maya", "Nikolai", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tess",
    "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Adeyemi", "Brandt", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Haddad",
    "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quaresma", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz", "Zhou",
)  # fmt: skip
REASONS = (
    "Annual check-up",
    "Follow-up visit",
    "Test results",
    "Prescription renewal",
    "New symptoms",
    None,
)
RECORD_SHARE = 0.5
"""Share of past completed appointments that have a medical record (version 1)."""
# Clinical content by specialization (same order as SPECIALIZATIONS): diagnosis,
# prescription (or None), notes (or None; may span lines).
CLINICAL_NOTES: tuple[tuple[tuple[str, str | None, str | None], ...], ...] = (
    (
        (
            "Essential hypertension",
            "Amlodipine 5 mg once daily",
            "Home blood pressure log.\nReview in 4 weeks.",
        ),
        ("Stable angina", "Nitroglycerin 0.4 mg SL as needed", "Refer for stress test."),
    ),
    (
        ("Atopic dermatitis", "Hydrocortisone 1% cream twice daily", "Emollients after bathing."),
        ("Acne vulgaris", "Adapalene 0.1% gel at night", None),
    ),
    (
        (
            "Type 2 diabetes mellitus",
            "Metformin 500 mg twice daily",
            "HbA1c 7.4 %.\nDiet advice given.",
        ),
        ("Hypothyroidism", "Levothyroxine 50 mcg once daily", "Repeat TSH in 6 weeks."),
    ),
    (
        ("Seasonal allergic rhinitis", "Cetirizine 10 mg once daily", "Review in spring."),
        ("Well visit", None, "No concerns."),
    ),
    (
        ("Gastro-oesophageal reflux disease", "Omeprazole 20 mg once daily", "Avoid late meals."),
        ("Irritable bowel syndrome", None, "Food diary for 4 weeks."),
    ),
    (
        ("Migraine without aura", "Sumatriptan 50 mg at onset", "Headache diary."),
        ("Tension-type headache", "Ibuprofen 400 mg as needed", None),
    ),
    (
        ("Routine antenatal visit", "Folic acid 400 mcg daily", "Fundal height normal."),
        (
            "Iron deficiency anaemia",
            "Ferrous sulfate 200 mg daily",
            "Repeat blood count in 8 weeks.",
        ),
    ),
    (
        ("Allergic conjunctivitis", "Olopatadine 0.1% eye drops twice daily", None),
        ("Myopia", None, "New glasses prescription issued."),
    ),
    (
        ("Lumbar strain", None, "Physiotherapy exercises; avoid heavy lifting."),
        (
            "Osteoarthritis of the knee",
            "Paracetamol 1 g up to four times daily",
            "Weight-bearing exercise.",
        ),
    ),
    (
        ("Acute otitis media", "Amoxicillin 250 mg three times daily for 5 days", None),
        ("Well-child check", None, "Growth on the 50th centile.\nVaccinations up to date."),
    ),
    (
        ("Generalised anxiety disorder", "Sertraline 50 mg once daily", "CBT referral."),
        ("Insomnia", None, "Sleep hygiene discussed."),
    ),
    (
        (
            "Asthma, mild persistent",
            "Budesonide inhaler 200 mcg twice daily",
            "Inhaler technique checked.",
        ),
        ("Acute bronchitis", None, "Fluids and rest; return if fever persists."),
    ),
)
# Weekly hours: (days of week, 0 = Sunday, and windows in minutes from local midnight).
# Every window is a whole number of hours, so each slot length below divides it.
WEEKLY_PATTERNS: tuple[tuple[tuple[int, ...], tuple[tuple[int, int], ...]], ...] = (
    ((1, 2, 3, 4, 5), ((9 * 60, 12 * 60), (13 * 60, 17 * 60))),
    ((1, 2, 3, 4), ((8 * 60, 12 * 60), (13 * 60, 16 * 60))),
    ((2, 3, 4, 5, 6), ((10 * 60, 14 * 60), (15 * 60, 19 * 60))),
)
SLOT_MINUTES = (15, 20, 30, 30, 30, 60)

FOLLOW_UP_COLOUR = "#0f766e"
"""The seeded second visit type's colour."""


class SeedRefused(RuntimeError):
    """The database already holds users and `force` was not given."""


@dataclass(frozen=True)
class SeedResult:
    doctors: int
    patients: int
    appointments: int
    schedule_entries: int
    records: int
    seconds: float


@dataclass
class _Doctor:
    id: int
    zone: ZoneInfo
    slot_minutes: int
    weekdays: tuple[int, ...]
    windows: tuple[tuple[int, int], ...]
    days_off: set[date] = field(default_factory=set)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _day_of_week(day: date) -> int:
    """0 = Sunday … 6 = Saturday, as in the API."""
    return (day.weekday() + 1) % 7


def _grid(doctor: _Doctor, first: date, last: date) -> list[int]:
    """Start instants (epoch seconds) of the doctor's slots on local dates [first, last)."""
    starts: list[int] = []
    step = doctor.slot_minutes * 60
    day = first
    while day < last:
        if _day_of_week(day) in doctor.weekdays and day not in doctor.days_off:
            midnight = datetime(day.year, day.month, day.day, tzinfo=doctor.zone)
            for window_start, window_end in doctor.windows:
                # One offset per window: daylight-saving changes happen at night.
                opening = (midnight + timedelta(minutes=window_start)).timestamp()
                starts.extend(
                    range(int(opening), int(opening) + (window_end - window_start) * 60, step)
                )
        day += timedelta(days=1)
    return starts


def _doctors(first_id: int, count: int, today: date, rng: random.Random) -> list[_Doctor]:
    doctors = []
    for index in range(count):
        weekdays, windows = WEEKLY_PATTERNS[index % len(WEEKLY_PATTERNS)]
        doctor = _Doctor(
            id=first_id + index,
            zone=ZoneInfo(TIMEZONES[index % len(TIMEZONES)]),
            slot_minutes=SLOT_MINUTES[index % len(SLOT_MINUTES)],
            weekdays=weekdays,
            windows=windows,
        )
        # Time off: a week of holiday ahead for every third doctor, a day off in the past.
        if index % 3 == 0:
            holiday = today + timedelta(days=rng.randrange(14, FUTURE_DAYS - 7))
            doctor.days_off.update(holiday + timedelta(days=d) for d in range(7))
        doctor.days_off.add(today - timedelta(days=rng.randrange(1, MIN_PAST_DAYS)))
        doctors.append(doctor)
    return doctors


def _book(doctor: _Doctor, quota: int, now: datetime, rng: random.Random) -> list[int]:
    """Distinct slot starts for one doctor: some ahead, the rest in the past."""
    today = now.astimezone(doctor.zone).date()
    now_ts = int(now.timestamp())
    length = doctor.slot_minutes * 60
    ahead_days = _grid(doctor, today, today + timedelta(days=FUTURE_DAYS + 1))
    future = [s for s in ahead_days if now_ts < s < now_ts + FUTURE_DAYS * 86400]
    ahead = min(round(quota * FUTURE_SHARE), int(len(future) * MAX_FUTURE_DENSITY), quota)
    behind = quota - ahead
    per_day = max(1.0, len(ahead_days) / (FUTURE_DAYS + 1))
    past_days = min(MAX_PAST_DAYS, max(MIN_PAST_DAYS, int(behind / PAST_DENSITY / per_day) + 7))
    past = [
        s
        for s in _grid(doctor, today - timedelta(days=past_days), today + timedelta(days=1))
        if s + length <= now_ts
    ]
    return rng.sample(future, ahead) + rng.sample(past, min(behind, len(past)))


Booking = tuple[int, int, int, int]
"""(start, end, doctor_id, patient_id), instants in epoch seconds."""


def _assign_patients(
    slots: list[tuple[int, int, int]], patient_ids: Sequence[int], now_ts: int
) -> list[Booking]:
    """Give each slot a patient who is free then; slots no patient can take are dropped.

    Slots are handed out in start order, so a patient whose last appointment ended by a
    slot's start can never overlap it. Patients take turns (round robin); the first one
    also gets every k-th past slot, up to `HEAVY_PATIENT_PAST`.
    """
    slots.sort()
    count = len(patient_ids)
    free_at = [0] * count
    past = sum(1 for _start, end, _doctor in slots if end <= now_ts)
    heavy_left = min(HEAVY_PATIENT_PAST, past // 5) if count > 1 else 0
    every = max(1, past // heavy_left) if heavy_left else 0
    first_regular = 1 if count > 1 else 0
    turn = first_regular
    bookings: list[Booking] = []
    past_seen = owed = 0
    for start, end, doctor_id in slots:
        chosen = -1
        if end <= now_ts and heavy_left:
            past_seen += 1
            owed += past_seen % every == 0
            if owed and free_at[0] <= start:
                chosen = 0
                heavy_left -= 1
                owed -= 1
        if chosen < 0:
            for _ in range(count - first_regular):
                candidate, turn = turn, turn + 1
                if turn == count:
                    turn = first_regular
                if free_at[candidate] <= start:
                    chosen = candidate
                    break
        if chosen >= 0:
            free_at[chosen] = end
            bookings.append((start, end, doctor_id, patient_ids[chosen]))
    return bookings


def _status(end: int, now_ts: int, rng: random.Random) -> str:
    roll = rng.random()
    if end <= now_ts:
        if roll < 0.8:
            return AppointmentStatus.COMPLETED.value
        return (AppointmentStatus.NO_SHOW if roll < 0.9 else AppointmentStatus.CANCELLED).value
    if roll < 0.6:
        return AppointmentStatus.SCHEDULED.value
    return (AppointmentStatus.CONFIRMED if roll < 0.92 else AppointmentStatus.CANCELLED).value


def _instant(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


# --------------------------------------------------------------------------- writing


def _defaults(table: Table, given: Sequence[str]) -> dict[str, Any]:
    """Python-side defaults of the columns not given (COPY bypasses SQLAlchemy's)."""
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None or not hasattr(default, "arg"):
            continue
        arg = default.arg
        values[column.name] = arg(None) if callable(arg) else arg
    return values


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


def _write(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """Bulk insert: `COPY` on PostgreSQL, executemany elsewhere. Returns the row count."""
    extra = _defaults(table, columns)
    names = [*columns, *extra]
    tail = tuple(extra.values())
    written = 0
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        quoted = ", ".join(f'"{name}"' for name in names)
        with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
            lines: list[str] = []
            for row in rows:
                lines.append("\t".join(map(_copy_text, row + tail)))
                if len(lines) >= COPY_BATCH_ROWS:
                    copy.write("\n".join(lines) + "\n")
                    written += len(lines)
                    lines = []
            if lines:
                copy.write("\n".join(lines) + "\n")
                written += len(lines)
        return written
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(dict(zip(names, row + tail, strict=True)))
        if len(batch) >= COPY_BATCH_ROWS:
            conn.execute(table.insert(), batch)
            written += len(batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
        written += len(batch)
    return written


def _optional_table(conn: Connection, name: str) -> Table | None:
    """A table another domain owns, if its migration has run (read from the database)."""
    if not inspect(conn).has_table(name):
        return None
    return Table(name, MetaData(), autoload_with=conn)


def _wipe(conn: Connection) -> None:
    """Empty every application table (--force)."""
    names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
    if conn.dialect.name == "postgresql":
        listed = ", ".join(f'"{name}"' for name in names)
        conn.execute(text(f"TRUNCATE {listed} RESTART IDENTITY CASCADE"))
        return
    # The triggers that keep records and the access log append-only refuse DELETE; TRUNCATE
    # above skips them. Here they step aside for this transaction and come back unchanged.
    triggers = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    ).all()
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    metadata = MetaData()
    metadata.reflect(conn, only=names)
    for table in reversed(metadata.sorted_tables):
        conn.execute(table.delete())
    for _name, sql in triggers:
        conn.exec_driver_sql(sql)


def _reset_sequences(conn: Connection, tables: Iterable[str]) -> None:
    if conn.dialect.name != "postgresql":
        return
    for name in tables:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608  # nosec B608 (our own table names)
                f'coalesce((SELECT max(id) FROM "{name}"), 0) + 1, false)'
            )
        )


# --------------------------------------------------------------------------- seeding


def seed(
    *,
    doctors: int,
    patients: int,
    appointments: int,
    force: bool = False,
    random_seed: int = 360,
) -> SeedResult:
    """Fill the app's database with a demo clinic in one transaction.

    Raises SeedRefused when users exist and `force` is false; with `force`, every
    application table is emptied first.
    """
    started = utcnow()
    now = started.replace(microsecond=0)
    now_ts = int(now.timestamp())
    rng = random.Random(random_seed)  # noqa: S311  (demo data, not secrets)
    password_hash = hash_password(DEMO_PASSWORD)
    users = db.metadata.tables["users"]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # a large set takes longer than a request may
            conn.execute(text("SET LOCAL statement_timeout = 0"))
        if conn.scalar(select(func.count()).select_from(users)):
            if not force:
                raise SeedRefused("the database already has users; use --force to replace them")
            _wipe(conn)
        first_id = (conn.scalar(select(func.max(users.c.id))) or 0) + 1
        doctor_list = _doctors(first_id, doctors, now.date(), rng)
        patient_ids = list(range(first_id + doctors, first_id + doctors + patients))
        specialization_ids = _specializations(conn, now)
        _write(
            conn,
            users,
            _USER_COLUMNS,
            _user_rows(doctor_list, patient_ids, specialization_ids, password_hash, now, rng),
        )
        entries = _write_schedules(conn, doctor_list, now)
        first_type = _write_visit_types(conn, doctor_list, now)

        slots: list[tuple[int, int, int]] = []
        for index, doctor in enumerate(doctor_list):
            quota = appointments // doctors + (1 if index < appointments % doctors else 0)
            length = doctor.slot_minutes * 60
            slots.extend((s, s + length, doctor.id) for s in _book(doctor, quota, now, rng))
        bookings = _assign_patients(slots, patient_ids, now_ts) if patient_ids else []
        del slots
        first_appointment = (conn.scalar(select(func.max(Appointment.id))) or 0) + 1
        completed: list[int] = []
        written = _write(
            conn,
            db.metadata.tables["appointments"],
            _APPOINTMENT_COLUMNS,
            _appointment_rows(
                bookings, first_appointment, now_ts, rng, completed, first_type - first_id
            ),
        )
        records = _write_records(
            conn,
            [(first_appointment + i, bookings[i]) for i in completed],
            first_id,
            now_ts,
            random.Random(random_seed + 1),  # noqa: S311  (its own stream: appointments stay put)
        )
        _reset_sequences(conn, ("users", "visit_types", "appointments", "medical_records"))
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))  # statistics and visibility map, now
    return SeedResult(
        doctors=doctors,
        patients=patients,
        appointments=written,
        schedule_entries=entries,
        records=records,
        seconds=(utcnow() - started).total_seconds(),
    )


def _specializations(conn: Connection, now: datetime) -> list[int]:
    """The ids of SPECIALIZATIONS in the managed list, adding the ones it lacks."""
    table = db.metadata.tables["specializations"]
    ids = []
    for name in SPECIALIZATIONS:
        key = specialization_key(name)
        found = conn.scalar(select(table.c.id).where(table.c.name_key == key))
        if found is None:
            found = conn.execute(
                table.insert()
                .values(name=name, name_key=key, active=True, created_at=now, updated_at=now)
                .returning(table.c.id)
            ).scalar_one()
        ids.append(found)
    return ids


_USER_COLUMNS = (
    "id", "username", "email", "email_key", "full_name", "name_key", "role", "timezone",
    "specialization_id", "specialization", "approved", "slot_minutes", "password_hash",
    "created_at", "updated_at",
)  # fmt: skip
_APPOINTMENT_COLUMNS = (
    "id", "patient_id", "doctor_id", "start_time", "end_time", "status", "reason",
    "sequence", "created_at", "updated_at", "visit_type_id", "blocked_start", "blocked_end",
)  # fmt: skip


def _named(full_name: str) -> tuple[str, str]:
    """A user's name and its search key (`accounts.models.name_key`)."""
    return full_name, name_key(full_name)


def _user_rows(
    doctors: Sequence[_Doctor],
    patient_ids: Sequence[int],
    specialization_ids: Sequence[int],
    password_hash: str,
    now: datetime,
    rng: random.Random,
) -> Iterator[tuple[Any, ...]]:
    joined = now - timedelta(days=MAX_PAST_DAYS)
    for number, doctor in enumerate(doctors, start=1):
        yield (
            doctor.id,
            f"doctor{number}",
            f"doctor{number}@example.org",
            f"doctor{number}@example.org",  # email_key (already case-folded)
            *_named(f"Dr. {_name(rng)}"),
            Role.DOCTOR.value,
            doctor.zone.key,
            specialization_ids[(number - 1) % len(SPECIALIZATIONS)],
            SPECIALIZATIONS[(number - 1) % len(SPECIALIZATIONS)],  # the previous release's
            True,
            doctor.slot_minutes,
            password_hash,
            joined,
            joined,
        )
    for number, patient_id in enumerate(patient_ids, start=1):
        yield (
            patient_id,
            f"patient{number}",
            f"patient{number}@example.org",
            f"patient{number}@example.org",  # email_key
            *_named(_name(rng)),
            Role.PATIENT.value,
            TIMEZONES[number % len(TIMEZONES)],
            None,
            None,
            True,
            None,
            password_hash,
            joined,
            joined,
        )


def _appointment_rows(
    bookings: Sequence[Booking],
    first_id: int,
    now_ts: int,
    rng: random.Random,
    completed: list[int],
    type_offset: int,
) -> Iterator[tuple[Any, ...]]:
    """Appointment rows; appends the index (in `bookings`) of each completed one to `completed`.

    Each is of its doctor's default visit type (id: doctor id + `type_offset`), which has no
    buffers: the blocked range is the visit."""
    for offset, (start, end, doctor_id, patient_id) in enumerate(bookings):
        created = _instant(min(start, now_ts) - 3 * 86400)
        status = _status(end, now_ts, rng)
        if status == AppointmentStatus.COMPLETED.value:
            completed.append(offset)
        yield (
            first_id + offset,
            patient_id,
            doctor_id,
            _instant(start),
            _instant(end),
            status,
            rng.choice(REASONS),
            0,
            created,
            created,
            doctor_id + type_offset,
            _instant(start),
            _instant(end),
        )


def _write_schedules(conn: Connection, doctors: Sequence[_Doctor], now: datetime) -> int:
    """Weekly hours and time off."""
    table = db.metadata.tables["schedule_entries"]
    rows: list[tuple[Any, ...]] = []
    for doctor in doctors:
        for day in doctor.weekdays:
            rows.extend(
                (doctor.id, day, None, None, s, e, True, now, now) for s, e in doctor.windows
            )
        rows.extend(
            (doctor.id, None, off, off, 0, 24 * 60, False, now, now)
            for off in sorted(doctor.days_off)
        )
    columns = (
        "doctor_id", "day_of_week", "date", "end_date", "start_minute", "end_minute",
        "is_available", "created_at", "updated_at",
    )  # fmt: skip
    return _write(conn, table, columns, rows)


def _write_visit_types(conn: Connection, doctors: Sequence[_Doctor], now: datetime) -> int:
    """Each doctor's default visit type, as registration makes it; returns the first id
    (the doctors' default types have consecutive ids, in the doctors' order). Then each
    doctor's "Follow-up": 15 minutes on a 15-minute grid, 5 minutes' buffer after."""
    table = db.metadata.tables["visit_types"]
    first = (conn.scalar(select(func.max(table.c.id))) or 0) + 1
    horizon = min(int(current_app.config["BOOKING_HORIZON_DAYS"]), MAX_HORIZON_DAYS)
    columns = (
        "id", "doctor_id", "name", "name_key", "duration_minutes", "slot_grid_minutes",
        "buffer_before_minutes", "buffer_after_minutes", "min_notice_minutes", "horizon_days",
        "cancel_notice_hours", "reschedule_notice_hours", "bookable_by", "channel", "colour",
        "is_default", "active", "created_at", "updated_at",
    )  # fmt: skip
    rows = [
        (first + n, d.id, "Consultation", "consultation", d.slot_minutes, d.slot_minutes, 0, 0,
         0, horizon, 0, 0, "anyone", "in_person", DEFAULT_COLOUR, True, True, now, now)
        for n, d in enumerate(doctors)
    ]  # fmt: skip
    follow_up = len(doctors)
    rows += [
        (first + follow_up + n, d.id, "Follow-up", "follow-up", 15, 15, 0, 5, 0, horizon, 0, 0,
         "anyone", "in_person", FOLLOW_UP_COLOUR, False, True, now, now)
        for n, d in enumerate(doctors)
    ]  # fmt: skip
    _write(conn, table, columns, rows)
    return first


def _write_records(
    conn: Connection,
    visits: Sequence[tuple[int, Booking]],
    first_doctor_id: int,
    now_ts: int,
    rng: random.Random,
) -> int:
    """Version 1 of a record for `RECORD_SHARE` of the completed visits; returns the count.

    Each record is written by the visit's doctor shortly after it ended, with content of the
    doctor's specialization, and hashed with the records domain's own `content_sha256`.
    """
    heads: list[tuple[Any, ...]] = []
    versions: list[tuple[Any, ...]] = []
    record_id = (conn.scalar(select(func.max(MedicalRecord.id))) or 0) + 1
    for appointment_id, (_start, end, doctor_id, patient_id) in visits:
        if rng.random() >= RECORD_SHARE:
            continue
        specialization = (doctor_id - first_doctor_id) % len(SPECIALIZATIONS)
        diagnosis, prescription, notes = rng.choice(CLINICAL_NOTES[specialization])
        written = _instant(min(now_ts, end + rng.randrange(5, 121) * 60))
        heads.append((record_id, patient_id, doctor_id, appointment_id, written, 1))
        versions.append(
            (
                record_id,
                1,
                diagnosis,
                prescription,
                notes,
                content_sha256(record_id, 1, diagnosis, prescription, notes),
            )
        )
        record_id += 1
    tables = db.metadata.tables
    _write(conn, tables["medical_records"], _RECORD_COLUMNS, heads)
    return _write(conn, tables["record_versions"], _VERSION_COLUMNS, versions)


_RECORD_COLUMNS = (
    "id", "patient_id", "doctor_id", "appointment_id", "created_at", "current_version",
)  # fmt: skip
_VERSION_COLUMNS = (
    "record_id", "version", "diagnosis", "prescription", "notes", "content_sha256",
)  # fmt: skip
