"""A shootout's passages and montage mode: which part of each DI to compare (`passages`, a
JSON list of `{di_id, start_seconds, end_seconds}`; a DI not listed is compared whole), how
the montage plays the chains (`montage_mode`, `rounds`), and whether each chain's whole DI is
rendered too (`full_renders`).

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "ALTER TABLE shootouts.shootouts "
        "ADD COLUMN IF NOT EXISTS montage_mode TEXT NOT NULL DEFAULT 'alternate', "
        "ADD COLUMN IF NOT EXISTS rounds INTEGER NOT NULL DEFAULT 1, "
        "ADD COLUMN IF NOT EXISTS full_renders BOOLEAN NOT NULL DEFAULT false, "
        "ADD COLUMN IF NOT EXISTS passages JSONB NOT NULL DEFAULT '[]'::jsonb"
    )
    op.execute(
        "ALTER TABLE shootouts.shootouts ADD CONSTRAINT shootouts_montage_mode_check "
        "CHECK (montage_mode IN ('alternate', 'sequence'))"
    )
    op.execute(
        "ALTER TABLE shootouts.shootouts ADD CONSTRAINT shootouts_rounds_check "
        "CHECK (rounds BETWEEN 1 AND 2 AND (rounds = 1 OR montage_mode = 'sequence'))"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE shootouts.shootouts DROP CONSTRAINT IF EXISTS shootouts_rounds_check")
    op.execute(
        "ALTER TABLE shootouts.shootouts DROP CONSTRAINT IF EXISTS shootouts_montage_mode_check"
    )
    for column in ("passages", "full_renders", "rounds", "montage_mode"):
        op.execute(f"ALTER TABLE shootouts.shootouts DROP COLUMN IF EXISTS {column}")
