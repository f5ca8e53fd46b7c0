from tests.records.conftest import (  # noqa: F401  (shared fixtures)
    audit_count,
    book,
    log_lines,
    people,
    person,
    set_status,
)
