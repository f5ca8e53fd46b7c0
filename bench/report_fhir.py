"""The rows of BENCHMARKS.md's summary for the FHIR API beside the JSON API (issue 20:
"slot search through FHIR within 1.5× of `/api/doctors/:id/slots` for the same doctor and
range; booking through FHIR within 1.5× of `POST /api/appointments`"), from
`bench.run.fhir_beside_api`'s figures and the API's own booking run, both at 8 clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WITHIN = 1.5


def rows(
    fhir: dict[str, Any] | None, api_booking: dict[str, Any], met: Callable[[bool], str]
) -> str:
    """Two summary rows (slots, booking), each ending in a newline, `met` writing the last
    cell; a "not measured" row when the run has no FHIR figures."""
    if not fhir:
        return "| FHIR slot search and booking beside `/api` | not measured | ≤ 1.5× | – |\n"
    api, ours = fhir["api_slots"], fhir["fhir_slots"]
    slower = ours["p50_ms"] / api["p50_ms"] if api["p50_ms"] else float("inf")
    fewer = api["rps"] / ours["rps"] if ours["rps"] else float("inf")
    slots_ok = max(slower, fewer) <= WITHIN and ours["errors"] == 0 and api["errors"] == 0
    booked = fhir["fhir_booking"]
    api_rate, fhir_rate = api_booking["bookings_per_second"], booked["bookings_per_second"]
    booking_ratio = api_rate / fhir_rate if fhir_rate else float("inf")
    booking_ok = booking_ratio <= WITHIN and booked["errors"] == 0 and booked["overlaps_after"] == 0
    return (
        f"| a week of one doctor's slots (read cache filled first), 8 clients: "
        f"`GET /fhir/R4/Slot` / `GET /api/doctors/:id/slots` "
        f"| {ours['rps']} / {api['rps']} requests/s, p50 {ours['p50_ms']} / {api['p50_ms']} ms, "
        f"p99 {ours['p99_ms']} / {api['p99_ms']} ms: "
        f"{max(slower, fewer):.2f}× | ≤ {WITHIN}× | {met(slots_ok)} |\n"
        f"| booking, 8 clients: `POST /fhir/R4/Appointment` / `POST /api/appointments` "
        f"| {fhir_rate} / {api_rate} bookings/s, p99 {booked['p99_ms']} / "
        f"{api_booking['p99_ms']} ms, errors {booked['errors']}, overlaps "
        f"{booked['overlaps_after']}: {booking_ratio:.2f}× | ≤ {WITHIN}× | {met(booking_ok)} |\n"
    )
