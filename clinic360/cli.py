"""`flask` commands for set-up chores and the background worker."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from pydantic import TypeAdapter, ValidationError

from clinic360.core.queue import queue


def _read_password(from_stdin: bool) -> str:
    """The new account's password: the first line of stdin, or asked twice at the prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def register_commands(app: Flask) -> None:
    @app.cli.command("worker")
    @click.option("--threads", default=2, show_default=True, help="Worker threads.")
    def worker(threads: int) -> None:
        """Run the background worker (huey consumer) until Ctrl-C."""
        from clinic360.notifications.worker import OutboxPoller

        consumer = queue().create_consumer(workers=threads, worker_type="thread", periodic=True)
        poller = OutboxPoller(current_app._get_current_object())  # type: ignore[attr-defined]
        poller.start()
        try:
            consumer.run()
        finally:
            poller.stop()

    @app.cli.command("create-admin")
    @click.option("--username", required=True, help="3–32 letters, digits, . _ -")
    @click.option("--email", required=True)
    @click.option("--full-name", required=True)
    @click.option(
        "--password-stdin",
        is_flag=True,
        help="Read the password from the first line of stdin instead of prompting.",
    )
    def create_admin(username: str, email: str, full_name: str, password_stdin: bool) -> None:
        """Create an administrator (the only way to get the admin role)."""
        from clinic360.accounts import service
        from clinic360.accounts.schemas import Email, FullName, Username
        from clinic360.core.errors import DomainError

        try:
            username = TypeAdapter(Username).validate_python(username)
            email = str(TypeAdapter(Email).validate_python(email))
            full_name = TypeAdapter(FullName).validate_python(full_name)
        except ValidationError as exc:
            raise click.UsageError(exc.errors()[0]["msg"]) from None
        password = _read_password(password_stdin)
        try:
            user = service.create_admin(username, email, full_name, password)
        except DomainError as exc:
            raise click.ClickException(exc.detail or exc.code) from None
        click.echo(f"Created admin {user.username} (id {user.id}).")

    @app.cli.command("create-staff")
    @click.option("--role", required=True, type=click.Choice(["receptionist", "manager"]))
    @click.option("--username", required=True, help="3–32 letters, digits, . _ -")
    @click.option("--email", required=True)
    @click.option("--full-name", required=True)
    @click.option("--timezone", default="UTC", show_default=True)
    @click.option(
        "--password-stdin",
        is_flag=True,
        help="Read the password from the first line of stdin instead of prompting.",
    )
    def create_staff(
        role: str, username: str, email: str, full_name: str, timezone: str, password_stdin: bool
    ) -> None:
        """Create a receptionist or a manager with a password (admins can also create staff
        in the web app, who then get an invitation email instead)."""
        from clinic360.accounts import staff
        from clinic360.accounts.staff_schemas import StaffCreateBody
        from clinic360.core.errors import DomainError

        try:
            body = StaffCreateBody.model_validate(
                {"role": role, "username": username, "email": email, "fullName": full_name,
                 "timezone": timezone}
            )  # fmt: skip
        except ValidationError as exc:
            raise click.UsageError(exc.errors()[0]["msg"]) from None
        password = _read_password(password_stdin)
        try:
            user = staff.create_staff(body, None, password)
        except DomainError as exc:
            raise click.ClickException(exc.detail or exc.code) from None
        click.echo(f"Created {user.role} {user.username} (id {user.id}).")

    @app.cli.command("backup")
    @click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="File to write (must not exist). Default: "
        "instance/backups/clinic360-<UTC timestamp>.dump (.db on SQLite).",
    )
    @click.option("--pg-dump", default="pg_dump", show_default=True, help="pg_dump to run.")
    def backup(output: Path | None, pg_dump: str) -> None:
        """Back the database up: `pg_dump -Fc` on PostgreSQL, the online backup API on SQLite.

        The file is readable by its owner only; encrypt it before it leaves the machine
        (docs/operations.md §9).
        """
        from clinic360.core import backup as backups
        from clinic360.core.clock import utcnow

        url = current_app.config["DATABASE_URL"]
        target = output or backups.default_path(current_app.instance_path, url, utcnow())
        try:
            written = backups.backup(url, target, pg_dump=pg_dump)
        except backups.BackupFailed as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Backup written to {written} ({written.stat().st_size} bytes).")

    @app.cli.command("seed-demo")
    @click.option("--doctors", default=12, show_default=True, help="Doctors to create.")
    @click.option("--patients", default=40, show_default=True, help="Patients to create.")
    @click.option(
        "--appointments", default=300, show_default=True, help="Appointments, past and future."
    )
    @click.option("--seed", "random_seed", default=360, show_default=True, help="Random seed.")
    @click.option("--force", is_flag=True, help="Empty every table of a non-empty database first.")
    def seed_demo(
        doctors: int, patients: int, appointments: int, random_seed: int, force: bool
    ) -> None:
        """Create a demo clinic (bulk inserts; large sets for `make bench`).

        About half of the completed visits get a medical record (version 1, hashed).
        Every account gets the password `clinic360-demo`; usernames are doctor1…doctorN and
        patient1…patientM. Refuses a database that already has users unless --force.
        """
        from clinic360 import demo

        if doctors < 1 or patients < 1 or appointments < 0:
            raise click.BadParameter("need at least one doctor and one patient")
        try:
            result = demo.seed(
                doctors=doctors,
                patients=patients,
                appointments=appointments,
                force=force,
                random_seed=random_seed,
            )
        except demo.SeedRefused as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(
            f"Seeded {result.doctors} doctors, {result.patients} patients, "
            f"{result.appointments} appointments, {result.schedule_entries} schedule entries, "
            f"{result.records} medical records in {result.seconds:.1f} s."
        )
        click.echo(
            f"Log in as doctor1…doctor{doctors} or patient1…patient{patients} "
            f"with the demo password: {demo.DEMO_PASSWORD}"
        )

    closures_group = AppGroup("closures", help="Clinic closures (public holidays).")
    app.cli.add_command(closures_group)

    @closures_group.command("import")
    @click.option("--country", required=True, help="ISO 3166-1 code, e.g. FR.")
    @click.option("--subdiv", default=None, help="A region (subdivision) code, e.g. BL.")
    @click.option("--year", required=True, type=click.IntRange(2000, 2199))
    def import_closures(country: str, subdiv: str | None, year: int) -> None:
        """Close the clinic on a country's (and region's) public holidays of a year.
        Idempotent: dates already closed are kept, never duplicated."""
        from clinic360.core.errors import DomainError
        from clinic360.schedules import closures

        try:
            result = closures.import_holidays(
                None, country.upper(), subdiv.upper() if subdiv else None, year
            )
        except DomainError as exc:
            raise click.ClickException(exc.detail or exc.code) from None
        click.echo(
            f"Added {len(result.added)} closure dates for {country.upper()} {year} "
            f"({result.already_closed} already closed)."
        )

    oauth_group = AppGroup("oauth-client", help="Apps that use /fhir/R4 (SMART on FHIR).")
    app.cli.add_command(oauth_group)

    @oauth_group.command("create")
    @click.option("--name", required=True, help="The app's name, shown on the consent page.")
    @click.option("--redirect-uri", "redirect_uris", multiple=True, help="Exact; repeatable.")
    @click.option(
        "--grant-type",
        "grant_types",
        multiple=True,
        required=True,
        type=click.Choice(["authorization_code", "client_credentials", "refresh_token"]),
        help="Repeatable.",
    )
    @click.option("--scope", required=True, help='Allowed scopes, e.g. "system/Slot.rs".')
    @click.option("--public", is_flag=True, help="No secret (a browser or phone app; PKCE).")
    def create_oauth_client(
        name: str, redirect_uris: tuple[str, ...], grant_types: tuple[str, ...], scope: str,
        public: bool,
    ) -> None:  # fmt: skip
        """Register an app; prints its client id and (once) its secret."""
        from clinic360.core.errors import DomainError
        from clinic360.oauth import clients

        new = clients.NewClient(name, list(redirect_uris), list(grant_types), scope, public)
        try:
            registered = clients.create(new, None)
        except DomainError as exc:
            raise click.ClickException(exc.detail or exc.code) from None
        click.echo(f"client_id: {registered.row.client_id}")
        if registered.secret:
            click.echo(f"client_secret: {registered.secret}")
            click.echo("The secret is shown only now; only its digest is kept.")
