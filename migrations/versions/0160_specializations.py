"""a managed list of specializations (#24 item 10): the `specializations` table, seeded from
the doctors' free text grouped ignoring case and spacing, and `users.specialization_id`

Expand only: `users.specialization` (free text) stays for the previous release during a
rollout; the application keeps it in step and a later release drops it (docs/operations.md).

Revision ID: 0150_specializations
Revises: 0140_cancellation_message
Create Date: 2026-12-08
"""

import unicodedata
from collections import Counter, defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0160_specializations"
down_revision = "0150_schedule_date_ranges"
branch_labels = None
depends_on = None


# = clinic360.accounts.models.specialization_name / specialization_key, frozen here
def _name(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", _name(text)).casefold()


def choose_spelling(spellings: Counter[str]) -> str:
    """The name one group of spellings gets: the most common one; on a tie, title case
    (`neurology` once and `NEUROLOGY` once → `Neurology`)."""
    ranked = spellings.most_common()
    best = [spelling for spelling, count in ranked if count == ranked[0][1]]
    if len(best) == 1:
        return best[0]
    return min(best).title()


FOREIGN_KEY = "fk_users_specialization_id_specializations"


def upgrade() -> None:
    op.create_table(
        "specializations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=400), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_specializations")),
        sa.UniqueConstraint("name_key", name=op.f("uq_specializations_name_key")),
    )
    if op.get_bind().dialect.name == "sqlite":
        # A nullable column with an inline foreign key: no table rebuild (which would lose
        # the expression index on lower(username)).
        op.execute(
            "ALTER TABLE users ADD COLUMN specialization_id INTEGER "
            f"CONSTRAINT {FOREIGN_KEY} REFERENCES specializations (id)"
        )
    else:
        op.add_column("users", sa.Column("specialization_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            FOREIGN_KEY, "users", "specializations", ["specialization_id"], ["id"]
        )
    op.create_index("ix_users_specialization_id", "users", ["specialization_id"])
    _seed_from_free_text()


def _seed_from_free_text() -> None:
    bind = op.get_bind()
    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("specialization", sa.String),
        sa.column("specialization_id", sa.Integer),
    )
    specializations = sa.table(
        "specializations",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("name_key", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    rows = bind.execute(
        sa.select(users.c.id, users.c.specialization).where(users.c.specialization.is_not(None))
    ).all()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, list[int]] = defaultdict(list)
    for user_id, text in rows:
        key = _key(text)
        if not key:  # blank text: no specialization
            bind.execute(sa.update(users).where(users.c.id == user_id).values(specialization=None))
            continue
        spellings[key][_name(text)] += 1
        members[key].append(user_id)
    now = sa.func.current_timestamp()
    for key in sorted(spellings):
        name = choose_spelling(spellings[key])
        entry_id = bind.execute(
            sa.insert(specializations)
            .values(name=name, name_key=key, active=True, created_at=now, updated_at=now)
            .returning(specializations.c.id)
        ).scalar_one()
        bind.execute(
            sa.update(users)
            .where(users.c.id.in_(members[key]))
            .values(specialization_id=entry_id, specialization=name)
        )


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE users SET specialization = (SELECT name FROM specializations "
            "WHERE specializations.id = users.specialization_id) "
            "WHERE specialization_id IS NOT NULL"
        )
    )
    op.drop_index("ix_users_specialization_id", table_name="users")
    if bind.dialect.name == "sqlite":
        # SQLite drops a column with its inline foreign key (3.35+); no table rebuild.
        op.execute("ALTER TABLE users DROP COLUMN specialization_id")
    else:
        op.drop_constraint(FOREIGN_KEY, "users", type_="foreignkey")
        op.drop_column("users", "specialization_id")
    op.drop_table("specializations")
