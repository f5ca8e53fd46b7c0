"""Notifications: the email outbox and the worker that delivers it."""

from flask_openapi3 import OpenAPI

from clinic360.core.config import ConfigError


def init_app(app: OpenAPI) -> None:
    from clinic360.notifications.cli import outbox
    from clinic360.notifications.message import InvalidAddress, parse_address
    from clinic360.notifications.operations import health_summary
    from clinic360.notifications.transport import smtp_security
    from clinic360.notifications.worker import register_tasks
    from clinic360.outbox import models  # noqa: F401  (registers the table)

    try:
        parse_address(app.config["MAIL_FROM"])
    except InvalidAddress:
        raise ConfigError("MAIL_FROM must be a plain address like no-reply@example.org") from None
    if app.config["SMTP_HOST"]:
        smtp_security(app.config["SMTP_HOST"], app.config["SMTP_SECURITY"])
    if app.config["OUTBOX_LEASE_SECONDS"] < 4 * app.config["SMTP_TIMEOUT_SECONDS"]:
        raise ConfigError("OUTBOX_LEASE_SECONDS must be at least 4 × SMTP_TIMEOUT_SECONDS")
    register_tasks(app)
    app.cli.add_command(outbox)
    app.extensions["health.outbox"] = health_summary
