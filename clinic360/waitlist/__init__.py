"""The waiting list: patients wait for a doctor's (or a specialization's) earlier time;
freed slots are offered to them in joining order by the worker, and claimed by link."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.appointments.signals import on_booked, on_slot_freed
    from clinic360.notifications.rendering import provide_claim_link
    from clinic360.notifications.worker import add_periodic_scan
    from clinic360.schedules.entries import on_schedule_changed
    from clinic360.waitlist import models  # noqa: F401  (registers the tables)
    from clinic360.waitlist.api import bp, claim_bp
    from clinic360.waitlist.entries import fulfil_for_booking
    from clinic360.waitlist.offers import claim_link, record_freed, run_offer_cycle
    from clinic360.waitlist.opened import record_schedule_change

    app.register_api(bp)
    app.register_api(claim_bp)
    on_slot_freed(record_freed)
    on_booked(fulfil_for_booking)
    on_schedule_changed(record_schedule_change)
    add_periodic_scan(run_offer_cycle)
    provide_claim_link(claim_link)
