"""Profile the public read paths in-process against an already seeded database (not a test).

Where `make bench` measures through gunicorn and wrk (wall time on a shared machine), this
reports what a request costs the app itself: wall and CPU time per request (`process_time`)
and SQL statements per request, through the Flask test client signed in as a patient, over
the same paths as make bench (a random doctor each request). `--profile` prints cProfile's
top functions; the collector is frozen after start-up as gunicorn.conf.py's worker hook does
(`--no-freeze`: not).

    flask seed-demo --doctors 1000 --patients 100000 --appointments 1000000   # DATABASE_URL
    .venv/bin/python -m bench.profile_reads --database postgresql+psycopg://…/clinic360_perf \
        [--runs 100] [--only type_slots,doctors] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from clinic360 import create_app
from clinic360.core.db import db

PASSWORD = "clinic360-demo"  # noqa: S105  (the documented demo password)


def paths(app: Any) -> dict[str, list[str]]:
    today = datetime.now(UTC).date()
    to62, to7 = today + timedelta(days=61), today + timedelta(days=6)
    with app.app_context(), db.engine.connect() as conn:
        doctors = [r[0] for r in conn.execute(text("SELECT id FROM users WHERE role = 'doctor'"))]
        types = list(
            conn.execute(
                text(
                    "SELECT doctor_id, id FROM visit_types"
                    " WHERE name_key = 'follow-up' AND active ORDER BY doctor_id"
                )
            )
        )
        specializations = [r[0] for r in conn.execute(text("SELECT name FROM specializations"))]
    return {
        "type_slots": [
            f"/api/doctors/{d}/slots?from={today}&to={to62}&visitType={t}" for d, t in types
        ],
        "slots": [f"/api/doctors/{d}/slots?from={today}&to={to62}" for d in doctors],
        "earliest": [
            f"/api/slots?specialization={s.replace(' ', '%20')}&from={today}&to={to7}&limit=20"
            for s in specializations
        ],
        "doctors": ["/api/doctors"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__
        + " The read cache is on (in-process) unless --no-read-cache: the paths are taken in"
        " a shuffled cycle, so with --runs above their count the later rounds are cache hits."
    )
    parser.add_argument("--database", required=True)
    parser.add_argument("--user", default="patient7")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--only", default="type_slots,slots,earliest,doctors")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-freeze", action="store_true")
    parser.add_argument(
        "--no-read-cache",
        action="store_true",
        help="READ_CACHE_ENABLED=false: every request computes its answer (the uncached path)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "DATABASE_URL": args.database,
                "REDIS_URL": "",
                "LOG_LEVEL": "WARNING",
                "SECRET_KEY": "bench-" + "x" * 40,
                "READ_CACHE_ENABLED": "false" if args.no_read_cache else "true",
            },
            instance_path=Path(folder),
        )
        statements = [0]

        def count(*_args: Any) -> None:
            statements[0] += 1

        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", count)
        client = app.test_client()
        token = client.get("/api/csrf").get_json()["csrfToken"]
        login = {"username": args.user, "password": PASSWORD}
        signed_in = client.post("/api/login", json=login, headers={"X-CSRF-Token": token})
        assert signed_in.status_code == 200, signed_in.get_data(as_text=True)
        cases = paths(app)
        if not args.no_freeze:
            gc.collect()
            gc.freeze()
        print(
            "| read | runs | wall p50 ms | wall p99 ms | CPU p50 ms | CPU mean ms | CPU p99 ms"
            " | statements | items |\n" + "| --- " * 9 + "|"
        )
        for name in args.only.split(","):
            chosen = list(cases[name])
            random.Random(7).shuffle(chosen)
            client.get(chosen[0])  # warm-up
            walls, cpus, counts = [], [], []
            profiler = cProfile.Profile() if args.profile else None
            items = 0
            for index in range(args.runs):
                statements[0] = 0
                wall, cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                response = client.get(chosen[index % len(chosen)])
                if profiler:
                    profiler.disable()
                cpus.append((time.process_time() - cpu) * 1000)
                walls.append((time.perf_counter() - wall) * 1000)
                counts.append(statements[0])
                assert response.status_code == 200, response.get_data(as_text=True)[:300]
                items = len(response.get_json())
            walls.sort()
            cpus.sort()
            p99 = max(0, int(args.runs * 0.99) - 1)
            print(
                f"| {name} | {args.runs} | {statistics.median(walls):.1f} | {walls[p99]:.1f} "
                f"| {statistics.median(cpus):.1f} | {statistics.mean(cpus):.1f} | {cpus[p99]:.1f} "
                f"| {statistics.mean(counts):.1f} | {items} |"
            )
            if profiler:
                pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
