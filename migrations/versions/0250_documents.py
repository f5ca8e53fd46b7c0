"""documents attached to a patient's record: heads, versions (never deleted), blobs

Revision ID: 0250_documents
Revises: 0240_sms_attendance
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0250_documents"
down_revision = "0240_sms_attendance"
branch_labels = None
depends_on = None

KINDS = ("lab_result", "report", "other")
STATUSES = ("current", "entered_in_error")
CONTENT_TYPES = ("application/pdf", "image/png", "image/jpeg")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


_HEAD_FIXED = (
    "NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id "
    "OR NEW.uploaded_by IS NOT OLD.uploaded_by OR NEW.uploaded_at IS NOT OLD.uploaded_at "
    "OR NEW.storage_key IS NOT OLD.storage_key OR NEW.content_type IS NOT OLD.content_type "
    "OR NEW.size IS NOT OLD.size OR NEW.sha256 IS NOT OLD.sha256 OR NEW.sha1 IS NOT OLD.sha1 "
    "OR NEW.file_name IS NOT OLD.file_name "
    "OR NEW.current_version IS NOT OLD.current_version + 1"
)
_PG_GUARD = f"""
CREATE OR REPLACE FUNCTION clinic360_document_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF {_HEAD_FIXED.replace(" IS NOT ", " IS DISTINCT FROM ")} THEN
    RAISE EXCEPTION 'a document only moves to its next version'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER documents_only_new_version BEFORE UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION clinic360_document_head_guard();
CREATE TRIGGER document_versions_immutable BEFORE UPDATE OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
CREATE TRIGGER document_blobs_immutable BEFORE UPDATE OR DELETE ON document_blobs
  FOR EACH ROW EXECUTE FUNCTION clinic360_refuse();
"""


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sha1", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=120), nullable=False),
        sa.CheckConstraint("current_version >= 1", name=op.f("ck_documents_version_positive")),
        sa.CheckConstraint("size > 0", name=op.f("ck_documents_size_positive")),
        sa.CheckConstraint(
            _one_of("content_type", CONTENT_TYPES), name=op.f("ck_documents_content_type_known")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["users.id"], name=op.f("fk_documents_patient_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["users.id"], name=op.f("fk_documents_uploaded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_index("ix_documents_patient_at", "documents", ["patient_id", "uploaded_at"])
    op.create_table(
        "document_versions",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("written_by", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "(version = 1 AND reason IS NULL) OR (version > 1 AND reason IS NOT NULL)",
            name=op.f("ck_document_versions_reason_on_amendments"),
        ),
        sa.CheckConstraint(
            _one_of("status", STATUSES), name=op.f("ck_document_versions_status_known")
        ),
        sa.CheckConstraint(_one_of("kind", KINDS), name=op.f("ck_document_versions_kind_known")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_versions_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["written_by"], ["users.id"], name=op.f("fk_document_versions_written_by_users")
        ),
        sa.PrimaryKeyConstraint("document_id", "version", name=op.f("pk_document_versions")),
    )
    op.create_table(
        "document_blobs",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_document_blobs")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        return
    triggers = [
        ("documents_no_delete", "BEFORE DELETE ON documents", None,
         "documents are never deleted"),
        ("documents_only_new_version", "BEFORE UPDATE ON documents", _HEAD_FIXED,
         "a document only moves to its next version"),
    ]  # fmt: skip
    for table in ("document_versions", "document_blobs"):
        triggers.append((f"{table}_no_update", f"BEFORE UPDATE ON {table}", None,
                         "document versions and files are immutable"))  # fmt: skip
        triggers.append((f"{table}_no_delete", f"BEFORE DELETE ON {table}", None,
                         "document versions and files are immutable"))  # fmt: skip
    for name, when, condition, message in triggers:
        guard = f" WHEN {condition}" if condition else ""
        op.execute(
            f"CREATE TRIGGER {name} {when} FOR EACH ROW{guard} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    op.drop_table("document_blobs")
    op.drop_table("document_versions")
    op.drop_index("ix_documents_patient_at", table_name="documents")
    op.drop_table("documents")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS clinic360_document_head_guard() CASCADE")
