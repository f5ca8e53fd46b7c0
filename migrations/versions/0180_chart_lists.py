"""the patient's chart lists: allergies, problems, medications, vitals (issue 19, part 1)

Versioned and never deleted, like medical records: a head per entry (`chart_entries`) and a
version table per list. Triggers refuse DELETE on heads and versions, UPDATE on versions, and
any UPDATE of a head other than moving `current_version` up by one. CHECK constraints hold
the value sets and the vitals' plausibility ranges (the numbers of
`clinic360/records/vital_measures.py` when this was written).

Revision ID: 0160_chart_lists
Revises: 0140_cancellation_message
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0180_chart_lists"
down_revision = "0170_visit_types"
branch_labels = None
depends_on = None

VERSION_TABLES = ("allergy_versions", "problem_versions", "medication_versions", "vital_versions")
VITAL_RANGES = (
    ("systolic", "50", "300"),
    ("diastolic", "20", "200"),
    ("heart_rate", "20", "300"),
    ("temperature", "30", "45"),
    ("weight", "0.5", "500"),
    ("height", "20", "280"),
    ("oxygen_saturation", "50", "100"),
)


def _one_of(column: str, *values: str) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _version_table(name: str, statuses: tuple[str, ...], *columns_and_checks: object) -> None:
    op.create_table(
        name,
        *columns_and_checks,  # type: ignore[arg-type]
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("written_by", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "(version = 1 AND reason IS NULL) OR (version > 1 AND reason IS NOT NULL)",
            name=op.f(f"ck_{name}_reason_on_amendments"),
        ),
        sa.CheckConstraint(_one_of("status", *statuses), name=op.f(f"ck_{name}_status_known")),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["chart_entries.id"], name=op.f(f"fk_{name}_entry_id_chart_entries")
        ),
        sa.ForeignKeyConstraint(
            ["written_by"], ["users.id"], name=op.f(f"fk_{name}_written_by_users")
        ),
        sa.PrimaryKeyConstraint("entry_id", "version", name=op.f(f"pk_{name}")),
    )


_PG_GUARD = """
CREATE OR REPLACE FUNCTION clinic360_chart_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.kind IS DISTINCT FROM OLD.kind
     OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
     OR NEW.created_by IS DISTINCT FROM OLD.created_by
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.current_version IS DISTINCT FROM OLD.current_version + 1 THEN
    RAISE EXCEPTION 'a chart entry only moves to its next version'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER chart_entries_no_delete BEFORE DELETE ON chart_entries
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER chart_entries_only_new_version BEFORE UPDATE ON chart_entries
  FOR EACH ROW EXECUTE FUNCTION clinic360_chart_head_guard();
"""
_SQLITE_HEAD_CHANGED = (
    "NEW.id IS NOT OLD.id OR NEW.kind IS NOT OLD.kind OR NEW.patient_id IS NOT OLD.patient_id "
    "OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at "
    "OR NEW.current_version IS NOT OLD.current_version + 1"
)


def upgrade() -> None:
    op.create_table(
        "chart_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            _one_of("kind", "allergy", "problem", "medication", "vital"),
            name=op.f("ck_chart_entries_kind_known"),
        ),
        sa.CheckConstraint("current_version >= 1", name=op.f("ck_chart_entries_version_positive")),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_chart_entries_patient_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_chart_entries_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_entries")),
    )
    op.create_index(
        "ix_chart_entries_patient_kind", "chart_entries", ["patient_id", "kind", "created_at"]
    )
    _version_table(
        "allergy_versions",
        ("active", "inactive", "entered_in_error"),
        sa.Column("substance", sa.String(length=200), nullable=False),
        sa.Column("reaction", sa.String(length=500), nullable=True),
        sa.Column("severity", sa.String(length=10), nullable=True),
        sa.Column("onset_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "severity IS NULL OR " + _one_of("severity", "mild", "moderate", "severe"),
            name=op.f("ck_allergy_versions_severity_known"),
        ),
    )
    _version_table(
        "problem_versions",
        ("active", "resolved", "entered_in_error"),
        sa.Column("condition", sa.String(length=500), nullable=False),
        sa.Column("onset_date", sa.Date(), nullable=True),
        sa.Column("resolved_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "resolved_date IS NULL OR onset_date IS NULL OR resolved_date >= onset_date",
            name=op.f("ck_problem_versions_resolved_after_onset"),
        ),
    )
    _version_table(
        "medication_versions",
        ("active", "stopped", "entered_in_error"),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("dose", sa.String(length=100), nullable=True),
        sa.Column("route", sa.String(length=100), nullable=True),
        sa.Column("frequency", sa.String(length=100), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("stop_date", sa.Date(), nullable=True),
        sa.Column("prescriber", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "stop_date IS NULL OR start_date IS NULL OR stop_date >= start_date",
            name=op.f("ck_medication_versions_stop_after_start"),
        ),
    )
    _version_table(
        "vital_versions",
        ("final", "entered_in_error"),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("systolic", sa.Integer(), nullable=True),
        sa.Column("diastolic", sa.Integer(), nullable=True),
        sa.Column("heart_rate", sa.Integer(), nullable=True),
        sa.Column("temperature", sa.Float(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("height", sa.Float(), nullable=True),
        sa.Column("oxygen_saturation", sa.Integer(), nullable=True),
        *(
            sa.CheckConstraint(
                f"{column} IS NULL OR {column} BETWEEN {low} AND {high}",
                name=op.f(f"ck_vital_versions_{column}_plausible"),
            )
            for column, low, high in VITAL_RANGES
        ),
        sa.CheckConstraint(
            "(systolic IS NULL AND diastolic IS NULL) OR "
            "(systolic IS NOT NULL AND diastolic IS NOT NULL AND systolic > diastolic)",
            name=op.f("ck_vital_versions_blood_pressure_pair"),
        ),
        sa.CheckConstraint(
            " OR ".join(f"{column} IS NOT NULL" for column, _, _ in VITAL_RANGES),
            name=op.f("ck_vital_versions_some_value"),
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        for table in VERSION_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION clinic360_refuse()"
            )
        return
    triggers = [
        ("chart_entries_no_delete", "BEFORE DELETE ON chart_entries", None,
         "chart entries are never deleted"),
        ("chart_entries_only_new_version", "BEFORE UPDATE ON chart_entries",
         _SQLITE_HEAD_CHANGED, "a chart entry only moves to its next version"),
    ]  # fmt: skip
    for table in VERSION_TABLES:
        triggers.append((f"{table}_no_update", f"BEFORE UPDATE ON {table}", None,
                         "chart versions are immutable"))  # fmt: skip
        triggers.append((f"{table}_no_delete", f"BEFORE DELETE ON {table}", None,
                         "chart versions are immutable"))  # fmt: skip
    for name, when, condition, message in triggers:
        guard = f" WHEN {condition}" if condition else ""
        op.execute(
            f"CREATE TRIGGER {name} {when} FOR EACH ROW{guard} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    for table in VERSION_TABLES:
        op.drop_table(table)
    op.drop_index("ix_chart_entries_patient_kind", table_name="chart_entries")
    op.drop_table("chart_entries")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS clinic360_chart_head_guard() CASCADE")
