"""medical records (versioned, never deleted) and the append-only access log

Revision ID: 0040_records_audit
Revises: 0011_accounts
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0040_records_audit"
down_revision = "0011_accounts"
branch_labels = None
depends_on = None

# Refusals enforced by the database itself, on both backends: access-log rows and record
# versions are never updated or deleted; record heads are never deleted and only ever move
# `current_version` up by one.
_SQLITE_TRIGGERS = [
    ("access_log_no_update", "BEFORE UPDATE ON access_log", None, "access_log is append-only"),
    ("access_log_no_delete", "BEFORE DELETE ON access_log", None, "access_log is append-only"),
    (
        "record_versions_no_update",
        "BEFORE UPDATE ON record_versions",
        None,
        "record versions are immutable",
    ),
    (
        "record_versions_no_delete",
        "BEFORE DELETE ON record_versions",
        None,
        "record versions are immutable",
    ),
    (
        "medical_records_no_delete",
        "BEFORE DELETE ON medical_records",
        None,
        "medical records are never deleted",
    ),
    (
        "medical_records_only_new_version",
        "BEFORE UPDATE ON medical_records",
        "NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id "
        "OR NEW.doctor_id IS NOT OLD.doctor_id OR NEW.appointment_id IS NOT OLD.appointment_id "
        "OR NEW.created_at IS NOT OLD.created_at "
        "OR NEW.current_version IS NOT OLD.current_version + 1",
        "a medical record only moves to its next version",
    ),
]

_PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION clinic360_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is refused on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE OR REPLACE FUNCTION clinic360_record_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.patient_id IS DISTINCT FROM OLD.patient_id
     OR NEW.doctor_id IS DISTINCT FROM OLD.doctor_id
     OR NEW.appointment_id IS DISTINCT FROM OLD.appointment_id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.current_version IS DISTINCT FROM OLD.current_version + 1 THEN
    RAISE EXCEPTION 'a medical record only moves to its next version'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER record_versions_immutable BEFORE UPDATE OR DELETE ON record_versions
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER medical_records_no_delete BEFORE DELETE ON medical_records
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER medical_records_only_new_version BEFORE UPDATE ON medical_records
  FOR EACH ROW EXECUTE FUNCTION clinic360_record_head_guard();
"""


def upgrade() -> None:
    op.create_table(
        "medical_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("doctor_id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "current_version >= 1", name=op.f("ck_medical_records_version_positive")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id", "patient_id", "doctor_id"],
            ["appointments.id", "appointments.patient_id", "appointments.doctor_id"],
            name="fk_medical_records_appointment_same_people",
        ),
        sa.ForeignKeyConstraint(
            ["doctor_id"], ["users.id"], name=op.f("fk_medical_records_doctor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_medical_records_patient_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medical_records")),
    )
    op.create_index(
        "ix_medical_records_patient_created", "medical_records", ["patient_id", "created_at"]
    )
    op.create_table(
        "record_versions",
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("diagnosis", sa.String(length=500), nullable=False),
        sa.Column("prescription", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("amended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("amended_by", sa.Integer(), nullable=True),
        sa.Column("amendment_reason", sa.String(length=500), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "(version = 1 AND amended_at IS NULL AND amended_by IS NULL "
            "AND amendment_reason IS NULL) OR (version > 1 AND amended_at IS NOT NULL "
            "AND amended_by IS NOT NULL AND amendment_reason IS NOT NULL)",
            name=op.f("ck_record_versions_amendment_complete"),
        ),
        sa.ForeignKeyConstraint(
            ["amended_by"], ["users.id"], name=op.f("fk_record_versions_amended_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["medical_records.id"],
            name=op.f("fk_record_versions_record_id_medical_records"),
        ),
        sa.PrimaryKeyConstraint("record_id", "version", name=op.f("pk_record_versions")),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_access_log_actor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_access_log_patient_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index("ix_access_log_patient_at", "access_log", ["patient_id", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTIONS)
    else:
        for name, when, condition, message in _SQLITE_TRIGGERS:
            guard = f" WHEN {condition}" if condition else ""
            op.execute(
                f"CREATE TRIGGER {name} {when} FOR EACH ROW{guard} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def downgrade() -> None:
    op.drop_table("access_log")
    op.drop_table("record_versions")
    op.drop_table("medical_records")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS clinic360_refuse() CASCADE")
        op.execute("DROP FUNCTION IF EXISTS clinic360_record_head_guard() CASCADE")
