"""INT-02: a version edited outside the app is detected by the API and by `flask records verify`."""

from __future__ import annotations

from flask_openapi3 import OpenAPI
from sqlalchemy import text

from clinic360.core.db import db
from tests.records.conftest import AddAppointment, People, create_record


def _tamper(app: OpenAPI, record_id: int) -> None:
    """What a superuser could do: drop the guard, edit a version, put the guard back."""
    with app.app_context(), db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE record_versions DISABLE TRIGGER USER"))
            conn.execute(
                text("UPDATE record_versions SET diagnosis = 'forged' WHERE record_id = :r"),
                {"r": record_id},
            )
            conn.execute(text("ALTER TABLE record_versions ENABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER record_versions_no_update"))
            conn.execute(
                text("UPDATE record_versions SET diagnosis = 'forged' WHERE record_id = :r"),
                {"r": record_id},
            )


def test_tampered_version_fails_reads_and_the_verifier(
    app: OpenAPI, people: People, add_appointment: AddAppointment, log_lines: list[str]
) -> None:
    add_appointment(people.p1, people.d1)
    intact = create_record(people.d1, people.p1)
    record = create_record(people.d1, people.p1)
    runner = app.test_cli_runner()
    clean = runner.invoke(args=["records", "verify"])
    assert clean.exit_code == 0, clean.output
    assert "2 versions checked, 0 failed" in clean.output

    _tamper(app, record["id"])

    for path in (f"/api/records/{people.p1.id}", f"/api/records/{record['id']}/history"):
        response = people.p1.client.get(path)
        assert response.status_code == 409, path
        assert response.get_json()["code"] == "integrity_check_failed"
        assert "forged" not in response.get_data(as_text=True)
    assert people.p1.client.get(f"/api/records/{intact['id']}/history").status_code == 200
    assert any("failed its integrity check" in line for line in log_lines)
    result = runner.invoke(args=["records", "verify"])
    assert result.exit_code == 1
    assert f"FAILED record {record['id']} version 1" in result.output
