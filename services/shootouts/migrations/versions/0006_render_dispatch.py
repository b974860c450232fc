"""Render jobs wait in shootouts until dispatched: the command a job was submitted with is kept
until it goes to the outbox (`dispatched_at` set). Jobs from before were dispatched at once.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE shootouts.render_jobs ADD COLUMN IF NOT EXISTS command BYTEA")
    op.execute(
        "ALTER TABLE shootouts.render_jobs ADD COLUMN IF NOT EXISTS dispatched_at TIMESTAMPTZ"
    )
    op.execute(
        "UPDATE shootouts.render_jobs SET dispatched_at = created_at WHERE dispatched_at IS NULL"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS render_jobs_waiting_idx "
        "ON shootouts.render_jobs (owner_id, created_at, id) "
        "WHERE dispatched_at IS NULL AND status = 'queued'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS shootouts.render_jobs_waiting_idx")
    op.execute("ALTER TABLE shootouts.render_jobs DROP COLUMN IF EXISTS dispatched_at")
    op.execute("ALTER TABLE shootouts.render_jobs DROP COLUMN IF EXISTS command")
