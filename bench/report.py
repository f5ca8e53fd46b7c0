"""Turn the results of `bench.run` into BENCHMARKS.md and the cost-growth plot, and the
load test's figures (tests/long/test_load.py) into its own section of that file.

    python -m bench.report --load test-artifacts/load.json   # update the load section
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

from bench import report_fhir

LOAD_HEADING = "## Load test (200 users)"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"

TARGETS = {  # issue #16's table
    "ratio": 0.20,
    "ratio_32": 0.15,
    "slots_p99_ms": 10.0,
    "slots_rps_8": 600.0,
    "earliest_p99_ms": 50.0,
    "type_slots_p99_ms": 25.0,
    "doctors_p99_ms": 20.0,
    "user_floor_ratio": 0.20,
    "reminders_s": 60.0,
    "patient_page_p99_ms": 50.0,
    "reports_p99_ms": 1000.0,  # issue #21
    "series_p50_ms": 50.0,
    "js_gzip_kb": 150.0,
    "performance": 95,
    "accessibility": 100,
}


def _ratio(measured: dict[str, Any], floor: dict[str, Any]) -> str:
    if not measured.get("rps") or not floor.get("rps"):
        return "–"
    return f"{measured['rps'] / floor['rps']:.2f}"


def _ratio_value(measured: dict[str, Any], floor: dict[str, Any], target: float) -> bool | None:
    if not measured.get("rps") or not floor.get("rps") or measured.get("errors"):
        return None if not floor.get("rps") else False
    return bool(measured["rps"] / floor["rps"] >= target)


def _ms(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.1f}"


def _met(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def plot(sets: list[dict[str, Any]], image: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [s["set"]["appointments"] for s in sets]
    fig, ax = plt.subplots(figsize=(7, 4), dpi=110)
    series = (
        ("slots_single", "p50_ms", "free slots, 62 days: p50", "o-"),
        ("slots_single", "p99_ms", "free slots, 62 days: p99", "o--"),
        ("booking_single", "p50_ms", "booking: p50", "s-"),
        ("booking_single", "p99_ms", "booking: p99", "s--"),
    )
    for key, field, label, style in series:
        ax.plot(sizes, [s[key][field] for s in sets], style, label=label)
    ax.set_xscale("log")
    ax.set_xlabel("appointments in the table (each doctor: the same bookings)")
    ax.set_ylabel("latency, ms (one client)")
    ax.set_ylim(bottom=0)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    ax.set_title("Clinic360: cost vs. table size")
    fig.tight_layout()
    fig.savefig(image)
    plt.close(fig)


def write(results: dict[str, Any], output: Path, image: Path) -> None:
    plot(results["sets"], image)
    m = results["machine"]
    main = results["sets"][-1]
    size = main["set"]
    fe = main.get("frontend", {})
    api8, sql8 = main["api_booking_8"], main["sql_booking_8"]
    api32, sql32 = main["api_booking_32"], main["sql_booking_32"]
    ratio8 = (
        api8["bookings_per_second"] / sql8["bookings_per_second"]
        if sql8["bookings_per_second"]
        else 0.0
    )
    ratio32 = (
        api32["bookings_per_second"] / sql32["bookings_per_second"]
        if sql32["bookings_per_second"]
        else 0.0
    )
    slots1, slots8 = main["slots_single"], main["slots_8"]
    series = main.get("series_single")
    series_row = (
        f"| a {series['occurrences']}-occurrence series (POST /api/series), one client: p50 "
        f"| {_ms(series['p50_ms'])} ms (p99 {_ms(series['p99_ms'])}, {series['booked']} booked) "
        f"| < 50 ms "
        f"| {_met(series['p50_ms'] < TARGETS['series_p50_ms'] and series['errors'] == 0)} |\n"
        if series
        else ""
    )
    earliest = main["earliest_single"]
    typed = main.get("type_slots_single")
    typed_row = (
        f"| free slots, one doctor and one visit type (Follow-up, 5 min buffer), 62 days: p99, "
        f"one client | {_ms(typed['p99_ms'])} ms (p50 {_ms(typed['p50_ms'])}) | < 25 ms "
        f"| {_met(typed['p99_ms'] < TARGETS['type_slots_p99_ms'] and typed['errors'] == 0 and bool(typed.get('types')))} |\n"
        if typed
        else ""
    )
    sizes = fe.get("sizes", {})
    js_kb = sizes.get("js_gzip_bytes", 0) / 1000 if "js_gzip_bytes" in sizes else None
    css_kb = sizes.get("css_gzip_bytes", 0) / 1000 if "css_gzip_bytes" in sizes else None
    lh = fe.get("lighthouse", {})

    def score(page: str, key: str) -> Any:
        entry = lh.get(page, {})
        return entry.get(key) if isinstance(entry, dict) else None

    image_link = os.path.relpath(image, output.parent)
    loads = ", ".join(str(round(s.get("load_average_before", 0.0), 1)) for s in results["sets"])
    missing = [
        name
        for name, key in (
            ("POST /api/appointments", "api_booking_8"),
            ("GET /api/appointments", "my_appointments_single"),
            ("GET /api/doctors/:id/slots", "slots_single"),
            ("GET /api/slots", "earliest_single"),
            ("GET /api/doctors", "doctors_single"),
        )
        if main[key]["requests"] and main[key]["errors"] == main[key]["requests"]
    ]
    missing_note = (
        f"\n**Not in this build** (every request answered an error): {', '.join(missing)}. "
        "Their rows measure the error path, not the feature.\n"
        if missing
        else ""
    )
    growth_rows = "\n".join(
        f"| {s['set']['appointments']:,} | {s['set']['doctors']:,} | {s['in_range_per_doctor']} "
        f"| {_ms(s['slots_single']['p50_ms'])} | {_ms(s['slots_single']['p99_ms'])} "
        f"| {_ms(s['booking_single']['p50_ms'])} | {_ms(s['booking_single']['p99_ms'])} "
        f"| {s['seed_seconds']} |"
        for s in results["sets"]
    )
    lh_rows = (
        "\n".join(
            f"| {page} (`{(lh.get(page) or {}).get('url', '')}`) | {score(page, 'performance') or '–'} "
            f"| {score(page, 'accessibility') or '–'} | {score(page, 'fcp_ms') or '–'} "
            f"| {score(page, 'lcp_ms') or '–'} | {(lh.get(page) or {}).get('error', '')[:120]} |"
            for page in ("login", "booking")
        )
        if "error" not in lh
        else f"| – | – | – | – | – | {lh['error']} |"
    )
    perf_ok = None
    if score("login", "performance") is not None and score("booking", "performance") is not None:
        perf_ok = min(score("login", "performance"), score("booking", "performance")) >= 95
    a11y_ok = None
    if (
        score("login", "accessibility") is not None
        and score("booking", "accessibility") is not None
    ):
        a11y_ok = min(score("login", "accessibility"), score("booking", "accessibility")) >= 100

    floor = main.get("floors") or {}
    hello, flask_floor, user8 = (
        floor.get("hello", {}),
        floor.get("flask", {}),
        main.get("user_8", {}),
    )

    def booking_row(name: str, r: dict[str, Any]) -> str:
        return (
            f"| {name} | {r['clients']} | {r.get('requests', r.get('transactions'))} "
            f"| {r.get('rps', r.get('tps'))} | {r['bookings_per_second']} | {_ms(r['p50_ms'])} "
            f"| {_ms(r['p99_ms'])} | {r.get('errors', '–')} | {r.get('conflicts', '–')} |"
        )

    def read_row(name: str, r: dict[str, Any]) -> str:
        return (
            f"| {name} | {r['clients']} | {r['requests']} | {r['rps']} | {_ms(r['p50_ms'])} "
            f"| {_ms(r['p99_ms'])} | {r['errors']} |"
        )

    waitlist = results.get("waitlist")
    waitlist_row = (
        f"| waitlist offer cycle, {waitlist['slots']:,} freed slots (`bench/bench_waitlist.py`) "
        f"| {waitlist['seconds']} s: {waitlist['offers']:,} offers, {waitlist['emails']:,} emails "
        "| | |"
        if waitlist
        else "| waitlist offer cycle, 1,000 freed slots | not measured | | |"
    )
    reminders = results.get("reminders")
    reminders_row = (
        f"| reminders due for {reminders['appointments']:,} visits queued by one scan "
        f"(`bench/bench_reminders.py`) | {reminders['seconds']} s: {reminders['queued']:,} "
        f"outbox rows, {reminders['again']} more on a second scan | < 60 s "
        f"| {_met(reminders['seconds'] < TARGETS['reminders_s'] and reminders['again'] == 0)} |"
        if reminders
        else "| reminders due for 100,000 visits | not measured | < 60 s | – |"
    )
    page = results.get("patient_page")
    patient_page_row = (
        f"| doctor's patient page, {page['years']} years of history ({page['visits']} visits): "
        f"slowest call p99 (`bench/bench_patient_page.py`) | {_ms(page['slowest']['p99_ms'])} ms "
        f"(`{page['slowest']['path']}`; whole page p50 {_ms(page['page']['p50_ms'])}, "
        f"p99 {_ms(page['page']['p99_ms'])} ms; errors {page['errors']}) | < 50 ms per call "
        f"| {_met(page['slowest']['p99_ms'] < TARGETS['patient_page_p99_ms'] and not page['errors'])} |"
        if page
        else "| doctor's patient page, 10 years of history | not measured | < 50 ms per call | – |"
    )
    patient_page_section = (
        "The doctor's patient page (`python -m bench.bench_patient_page`, in-process test "
        f"client, PostgreSQL): one patient with {page['years']} years of history among "
        f"{page['others']} others like them, each call {page['rounds']} times:\n\n"
        "| call | p50 ms | p99 ms |\n| --- | --- | --- |\n"
        + "".join(
            f"| `{path}` | {_ms(f['p50_ms'])} | {_ms(f['p99_ms'])} |\n"
            for path, f in page["calls"].items()
        )
        + "\n"
        if page
        else ""
    )
    reports = results.get("reports")
    reports_row = (
        f"| reports over one year, {reports['doctors']:,} doctors, "
        f"{reports['appointments']:,} appointments (`bench/bench_reports.py`): p99 "
        f"| {_ms(reports['p99_ms'])} ms (p50 {_ms(reports['p50_ms'])}, {reports['runs']} runs) "
        f"| < 1 s | {_met(reports['p99_ms'] < TARGETS['reports_p99_ms'])} |"
        if reports
        else "| reports over one year, 1,000,000 appointments | not measured | < 1 s | – |"
    )
    summary = f"""| measure | result | target | |
| --- | --- | --- | --- |
| booking through the API, 8 / 32 clients | {api8["bookings_per_second"]} / {api32["bookings_per_second"]} bookings/s, p99 {_ms(api8["p99_ms"])} / {_ms(api32["p99_ms"])} ms, errors {api8["errors"]} / {api32["errors"]} | | |
| booking as raw SQL (pgbench), 8 / 32 clients | {sql8["bookings_per_second"]} / {sql32["bookings_per_second"]} bookings/s | | |
| booking ratio API / SQL, 8 clients | {ratio8:.2f} | ≥ 0.20 | {_met(ratio8 >= TARGETS["ratio"])} |
| booking ratio API / SQL, 32 clients | {ratio32:.2f} | ≥ 0.15 | {_met(ratio32 >= TARGETS["ratio_32"])} |
{report_fhir.rows(main.get("fhir"), api8, _met)}| overlapping rows after the runs | {api8["overlaps_after"]} / {api32["overlaps_after"]} | 0 | {_met(api8["overlaps_after"] == 0 and api32["overlaps_after"] == 0)} |
| free slots, one doctor, 62 days: p99, one client | {_ms(slots1["p99_ms"])} ms (p50 {_ms(slots1["p50_ms"])}) | < 10 ms | {_met(slots1["p99_ms"] < TARGETS["slots_p99_ms"] and slots1["errors"] == 0)} |
{typed_row}| free slots, 8 clients | {slots8["rps"]} requests/s ({_ratio(slots8, hello)} of the hello-world floor) | ≥ 600 | {_met(slots8["rps"] >= TARGETS["slots_rps_8"] and slots8["errors"] == 0)} |
| earliest slots across a specialization, 7 days: p99 | {_ms(earliest["p99_ms"])} ms (p50 {_ms(earliest["p50_ms"])}) | < 50 ms | {_met(earliest["p99_ms"] < TARGETS["earliest_p99_ms"] and earliest["errors"] == 0)} |
| doctor list p99, one client | {_ms(main["doctors_single"]["p99_ms"])} ms | < 20 ms | {_met(main["doctors_single"]["p99_ms"] < TARGETS["doctors_p99_ms"] and main["doctors_single"]["errors"] == 0)} |
| my appointments p99, one client | {_ms(main["my_appointments_single"]["p99_ms"])} ms | | |
| `GET /api/user`, 8 clients: ratio to the hello-world floor | {user8.get("rps", "–")} / {hello.get("rps", "–")} requests/s = {_ratio(user8, hello)} | ≥ 0.20 | {_met(_ratio_value(user8, hello, TARGETS["user_floor_ratio"]))} |
| minimal Flask JSON endpoint (floor), 8 clients | {flask_floor.get("rps", "–")} requests/s ({_ratio(flask_floor, hello)} of hello-world) | | |
{series_row}| first-load JS / CSS, gzip | {_ms(js_kb)} / {_ms(css_kb)} kB | JS ≤ 150 kB | {_met(None if js_kb is None else js_kb <= TARGETS["js_gzip_kb"])} |
| Lighthouse performance (login, booking) | {score("login", "performance") or "–"}, {score("booking", "performance") or "–"} | ≥ 95 | {_met(perf_ok)} |
| Lighthouse accessibility (login, booking) | {score("login", "accessibility") or "–"}, {score("booking", "accessibility") or "–"} | 100 | {_met(a11y_ok)} |
{waitlist_row}
{reminders_row}
{patient_page_row}
{reports_row}"""

    quick_note = (
        "\n> **Quick run** (`make bench-quick`): smaller data and shorter runs; "
        "the targets are defined for `make bench`.\n"
        if results["profile"] == "quick"
        else ""
    )
    text = f"""# Clinic360 benchmarks

Written by `{"make bench-quick" if results["profile"] == "quick" else "make bench"}` (`python -m bench.run`) on {m["date"]}; the run took {results["total_seconds"]} s.
{quick_note}
Machine: `nproc` = {m["nproc"]}, memory {m["memory_gib"]} GiB, {m["cpu"]}; PostgreSQL {m["postgresql"]},
Redis {m["redis"]}, Python {m["python"]}. 1-minute load average before each data set:
{loads} (other work on the machine competes for the same 2 cores: above ~1, the figures below
measure a shared machine). Server: gunicorn, {m["workers"]} gthread workers
(`WEB_CONCURRENCY={m["workers"]}`) on 127.0.0.1, sessions in Redis (DB 13), logs at INFO.
Load: bookings with `bench/driver.py` (asyncio + httpx, one browser-like client per user: CSRF
token, login, fresh token; closed loop, one request in flight per client); reads and floors with
`wrk` (bench/wrk.py: one signed-in session, paths in turn, CPU reported per run), all on the
same 2 cores as the server and the database. Raw SQL: `pgbench` with `bench/booking.sql`.

Main data set: {size["doctors"]:,} doctors, {size["patients"]:,} patients, {size["appointments"]:,} appointments
(`flask seed-demo --doctors {size["doctors"]} --patients {size["patients"]} --appointments {size["appointments"]}`,
{main["seed_seconds"]} s), {main["in_range_per_doctor"]} non-cancelled bookings per doctor in the next 62 days.

## Summary

{summary}
{missing_note}
## 1. Booking throughput through the HTTP API

Each client is a distinct patient, logged in, booking random free slots (taken from
`GET /api/doctors/:id/slots` of {main["pool_slots"]} free slots of 300 random doctors) with
`POST /api/appointments` for {api8["seconds"]} s. A client's slots never overlap each other, so
409s come only from the patient's own seeded appointments. Everything booked is deleted after
each run.

| run | clients | requests | requests/s | bookings/s | p50 ms | p99 ms | errors | 409 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
{booking_row("API", api8)}
{booking_row("API", api32)}

Overlapping non-cancelled rows (same doctor or same patient) after the runs: {api8["overlaps_after"]} and {api32["overlaps_after"]}.
Load-driver CPU: {api8["driver_cpu_seconds"]} s and {api32["driver_cpu_seconds"]} s of the runs' {api8["seconds"]} s.

## 2. The limit: the same bookings as raw SQL

`{sql8["command"]}`: per transaction the next candidate slot of that client, the open-hours and
time-off check in the doctor's zone, the doctor and patient overlap check (bounded range reads),
the appointment insert and its outbox row; `ON CONFLICT DO NOTHING` against the same exclusion
constraints. Each pgbench client books for its own {40} patients.

| run | clients | transactions | tps | bookings/s | p50 ms | p99 ms | errors | 409 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
{booking_row("SQL", sql8)}
{booking_row("SQL", sql32)}

booking ratio: {ratio8:.2f}

(At 32 clients: {ratio32:.2f}.)

## 3. Free slots of one doctor over 62 days

`GET /api/doctors/:id/slots?from=today&to=today+61`, a random doctor each request.

| run | clients | requests | requests/s | p50 ms | p99 ms | errors |
| --- | --- | --- | --- | --- | --- | --- |
{read_row("slots", slots1)}
{read_row("slots", slots8)}

## 4. Earliest free slots across a specialization, next 7 days

`GET /api/slots?specialization=…&from=today&to=today+6&limit=20`, a random specialization
(about {size["doctors"] // 12} doctors each).

| run | clients | requests | requests/s | p50 ms | p99 ms | errors |
| --- | --- | --- | --- | --- | --- | --- |
{read_row("earliest", earliest)}

## 5. Doctor list and my appointments

| run | clients | requests | requests/s | p50 ms | p99 ms | errors |
| --- | --- | --- | --- | --- | --- | --- |
{read_row("GET /api/doctors", main["doctors_single"])}
{read_row(f"GET /api/appointments (patient1, {main['heavy_patient_past']} past)", main["my_appointments_single"])}

## 6. Floors: the same server set-up with no application work

`bench/floors.py` under the same `gunicorn.conf.py`, workers and wrk driver, 8 anonymous
clients; beside it the app's cheapest signed-in read, `GET /api/user` (session from Redis, the
user row, JSON).

| run | clients | requests | requests/s | p50 ms | p99 ms | errors |
| --- | --- | --- | --- | --- | --- | --- |
{read_row("hello-world WSGI", hello) if hello else "| hello-world WSGI | – | – | – | – | – | – |"}
{read_row("minimal Flask JSON", flask_floor) if flask_floor else "| minimal Flask JSON | – | – | – | – | – | – |"}
{read_row("GET /api/user", user8) if user8 else "| GET /api/user | – | – | – | – | – | – |"}

wrk's own CPU in these runs: {hello.get("driver_cpu_seconds", "–")}, {flask_floor.get("driver_cpu_seconds", "–")} and {user8.get("driver_cpu_seconds", "–")} s of {hello.get("seconds", "–")} s.

## 7. Cost growth

The data sets differ in their number of doctors only: every doctor has the same weekly hours
and about the same bookings (the seeder's layout), so the table grows 100× while each doctor's
own bookings in the searched range stay put. One client; slot search over 62 days, booking as
in section 1.

| appointments | doctors | bookings/doctor in range | slots p50 ms | slots p99 ms | booking p50 ms | booking p99 ms | seed s |
| --- | --- | --- | --- | --- | --- | --- | --- |
{growth_rows}

![cost growth]({image_link})

## 8. Front end

First load (what `web/dist/index.html` references), gzip -9: JS {_ms(js_kb)} kB
({", ".join(sizes.get("js_files", []))}), CSS {_ms(css_kb)} kB ({", ".join(sizes.get("css_files", []))}).

Lighthouse 12.8.2 (`bench/lighthouse`), Debian's chromium, headless, offline, against the bench
server; the cold load is measured on Lighthouse's throttled mobile connection (simulated slow 4G:
150 ms round trip, 1.6 Mbit/s, 4× CPU slowdown), assets sent precompressed:

| page | performance | accessibility | first paint (ms) | largest paint (ms) | note |
| --- | --- | --- | --- | --- | --- |
{lh_rows}

## Other measurements

{patient_page_section}`BENCHMARKS-slots.md`: the schedules domain's in-process timings of free slots and the doctor
list (`python -m bench.bench_slots`, Flask test client, no HTTP server).
"""
    kept = _section(output.read_text(), LOAD_HEADING) if output.exists() else ""
    output.write_text(text + ("\n" + kept if kept else ""))


def _section(text: str, heading: str) -> str:
    """The section under `heading` up to the next `## ` heading (or the end), or ""."""
    start = text.find(heading + "\n")
    if start < 0:
        return ""
    end = text.find("\n## ", start + len(heading))
    return text[start:] if end < 0 else text[start : end + 1]


def write_load(results: dict[str, Any], output: Path) -> None:
    """Replace (or add) the load test's section of `output`; the rest stays as it is."""
    m = results["machine"]
    users = results["users"]
    db = results["database"]
    operations = "\n".join(
        f"| {name} | {r['requests']} | {r['rps']} | {_ms(r['p50_ms'])} | {_ms(r['p99_ms'])} |"
        for name, r in results["operations"].items()
    )
    problems = "; ".join(
        f"{p['count']} × {p['status']} `{p['code']}` on {p['operation']}"
        for p in results["problems"]
    )
    statuses = ", ".join(f"{k}: {v}" for k, v in results["statuses"].items())
    server_errors = sum(v for k, v in results["statuses"].items() if int(k) >= 500)
    section = f"""{LOAD_HEADING}

Written by `{results["command"]}` (`tests/long/test_load.py`) on {m["date"]}.
Machine: `nproc` = {m["nproc"]}, memory {m["memory_gib"]} GiB, {m["cpu"]}; PostgreSQL
{m["postgresql"]}, Redis {m["redis"]}; 1-minute load average before the run:
{m["load_average_before"]} (the machine is shared: above ~1, other work competes for the cores).
Server: gunicorn with {m["workers"]} sync workers (2 × `nproc`) and one `flask worker`;
sessions, rate-limit counters and the job queue in Redis. Data: `{results["seed"]}`.
Load: {users["doctors"] + users["patients"] + users["newcomers"]} simulated users on `bench/driver.py` (closed loop, no think time, one request in
flight each, on the same cores): {users["doctors"]} doctors, {users["patients"]} seeded patients and {users["newcomers"]} patients who
register during the run, for {results["load_seconds"]:g} s (the last requests in flight ended at {results["seconds"]} s).
Latencies include the wait for a free server worker.

| measure | result |
| --- | --- |
| requests | {results["requests"]} ({results["rps"]} requests/s) |
| latency, all requests | p50 {_ms(results["p50_ms"])} ms, p99 {_ms(results["p99_ms"])} ms |
| 5xx / transport errors | {server_errors} / {results["transport_errors"]} |
| statuses | {statuses} |
| expected 4xx (races the API promises) | {problems or "none"} |
| created | {db["new_appointments"]} appointments, {db["new_records"]} records, {db["new_amendments"]} amendments |
| overlapping non-cancelled appointments | {db["overlaps"]["doctor_id"]} per doctor, {db["overlaps"]["patient_id"]} per patient |
| bookings without both outbox rows | {db["bookings_without_outbox_rows"]} |

| operation | requests | requests/s | p50 ms | p99 ms |
| --- | --- | --- | --- | --- |
{operations}
"""
    text = output.read_text() if output.exists() else "# Clinic360 benchmarks\n"
    old = _section(text, LOAD_HEADING)
    if old:
        text = text.replace(old, section + ("\n" if old.endswith("\n\n") else ""))
    else:
        text = text.rstrip("\n") + "\n\n" + section
    output.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--load", type=Path, required=True, help="load.json of the load test")
    parser.add_argument("--output", type=Path, default=DOCS)
    args = parser.parse_args()
    write_load(json.loads(args.load.read_text()), args.output)
    print(f"updated {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
