"""Appointments: booking, changes, cancellations, the calendar feed."""

from flask_openapi3 import OpenAPI


def init_app(app: OpenAPI) -> None:
    from clinic360.accounts.service import on_doctor_suspended
    from clinic360.appointments import models  # noqa: F401  (registers the tables)
    from clinic360.appointments.api import bp
    from clinic360.appointments.manage_api import bp as manage_bp
    from clinic360.appointments.queries import busy_intervals
    from clinic360.appointments.time_off import booked_visits, cancel_visits
    from clinic360.appointments.transitions import cancel_appointments_of_suspended_doctor
    from clinic360.schedules.busy import provide_booked_visits, provide_busy_intervals

    app.register_api(bp)
    app.register_api(manage_bp)
    on_doctor_suspended(cancel_appointments_of_suspended_doctor)
    provide_busy_intervals(busy_intervals)
    provide_booked_visits(booked_visits, cancel_visits)
