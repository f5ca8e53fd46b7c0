from tests.records.conftest import (  # noqa: F401  (shared fixtures)
    add_appointment,
    audit_count,
    log_lines,
    people,
    person,
    set_status,
)
