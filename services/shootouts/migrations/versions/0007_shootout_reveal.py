"""A blind shootout's owner may reveal which letter is which chain to everyone: `revealed_at`
records when, `revealed_job_id` which render's letters (a new render shuffles them anew, so
it starts unrevealed).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE shootouts.shootouts ADD COLUMN IF NOT EXISTS revealed_at TIMESTAMPTZ")
    op.execute("ALTER TABLE shootouts.shootouts ADD COLUMN IF NOT EXISTS revealed_job_id UUID")


def downgrade() -> None:
    op.execute("ALTER TABLE shootouts.shootouts DROP COLUMN IF EXISTS revealed_job_id")
    op.execute("ALTER TABLE shootouts.shootouts DROP COLUMN IF EXISTS revealed_at")
