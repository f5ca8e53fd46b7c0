"""intake questionnaires: a visit type's questions, appointments' answers (never deleted)

Revision ID: 0260_intake
Revises: 0290_msg_attachments_admin
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0260_intake"
down_revision = "0290_msg_attachments_admin"
branch_labels = None
depends_on = None

KINDS = ("text", "yes_no", "one_choice", "several_choices", "number")
LISTS = ("allergies", "medications")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


_HEAD_FIXED = (
    "NEW.id IS NOT OLD.id OR NEW.appointment_id IS NOT OLD.appointment_id "
    "OR NEW.patient_id IS NOT OLD.patient_id OR NEW.created_at IS NOT OLD.created_at "
    "OR NEW.current_version IS NOT OLD.current_version + 1"
)
_PG_GUARD = f"""
CREATE OR REPLACE FUNCTION clinic360_intake_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF {_HEAD_FIXED.replace(" IS NOT ", " IS DISTINCT FROM ")} THEN
    RAISE EXCEPTION 'an intake response only moves to its next version'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER intake_responses_no_delete BEFORE DELETE ON intake_responses
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER intake_responses_only_new_version BEFORE UPDATE ON intake_responses
  FOR EACH ROW EXECUTE FUNCTION clinic360_intake_head_guard();
CREATE TRIGGER intake_response_versions_immutable
  BEFORE UPDATE OR DELETE ON intake_response_versions
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER intake_taken_immutable BEFORE UPDATE OR DELETE ON intake_taken
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
"""


def _users_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"))


def upgrade() -> None:
    op.create_table(
        "intake_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_type_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("prompt", sa.String(length=300), nullable=False),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("maps_to", sa.String(length=20), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_one_of("kind", KINDS), name=op.f("ck_intake_questions_kind_known")),
        sa.CheckConstraint(
            f"maps_to IS NULL OR {_one_of('maps_to', LISTS)}",
            name=op.f("ck_intake_questions_maps_to_known"),
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_intake_questions_position_positive")),
        sa.ForeignKeyConstraint(
            ["visit_type_id"],
            ["visit_types.id"],
            name=op.f("fk_intake_questions_visit_type_id_visit_types"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_questions")),
    )
    op.create_index(
        "ix_intake_questions_type", "intake_questions", ["visit_type_id", "active", "position"]
    )
    op.create_table(
        "intake_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "current_version >= 1", name=op.f("ck_intake_responses_version_positive")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_intake_responses_appointment_id_appointments"),
        ),
        _users_fk("intake_responses", "patient_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_responses")),
        sa.UniqueConstraint("appointment_id", name=op.f("uq_intake_responses_appointment_id")),
    )
    op.create_index("ix_intake_responses_patient", "intake_responses", ["patient_id"])
    op.create_table(
        "intake_response_versions",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("written_by", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["intake_responses.id"],
            name=op.f("fk_intake_response_versions_response_id_intake_responses"),
        ),
        _users_fk("intake_response_versions", "written_by"),
        sa.PrimaryKeyConstraint("response_id", "version", name=op.f("pk_intake_response_versions")),
    )
    op.create_table(
        "intake_taken",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("list", sa.String(length=20), nullable=False),
        sa.Column("chart_entry_id", sa.Integer(), nullable=False),
        sa.Column("taken_by", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_one_of("list", LISTS), name=op.f("ck_intake_taken_list_known")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["intake_responses.id"],
            name=op.f("fk_intake_taken_response_id_intake_responses"),
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["intake_questions.id"],
            name=op.f("fk_intake_taken_question_id_intake_questions"),
        ),
        sa.ForeignKeyConstraint(
            ["chart_entry_id"],
            ["chart_entries.id"],
            name=op.f("fk_intake_taken_chart_entry_id_chart_entries"),
        ),
        _users_fk("intake_taken", "taken_by"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_taken")),
        sa.UniqueConstraint(
            "response_id",
            "question_id",
            "value",
            name=op.f("uq_intake_taken_response_id_question_id_value"),
        ),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        return
    triggers = [
        ("intake_responses_no_delete", "BEFORE DELETE ON intake_responses", None,
         "intake responses are never deleted"),
        ("intake_responses_only_new_version", "BEFORE UPDATE ON intake_responses", _HEAD_FIXED,
         "an intake response only moves to its next version"),
    ]  # fmt: skip
    for table in ("intake_response_versions", "intake_taken"):
        for verb in ("UPDATE", "DELETE"):
            triggers.append((f"{table}_no_{verb.lower()}", f"BEFORE {verb} ON {table}", None,
                             "intake answers are immutable"))  # fmt: skip
    for name, when, condition, message in triggers:
        guard = f" WHEN {condition}" if condition else ""
        op.execute(
            f"CREATE TRIGGER {name} {when} FOR EACH ROW{guard} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    op.drop_table("intake_taken")
    op.drop_table("intake_response_versions")
    op.drop_index("ix_intake_responses_patient", table_name="intake_responses")
    op.drop_table("intake_responses")
    op.drop_index("ix_intake_questions_type", table_name="intake_questions")
    op.drop_table("intake_questions")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS clinic360_intake_head_guard() CASCADE")
