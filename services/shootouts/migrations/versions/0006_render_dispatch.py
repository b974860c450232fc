"""Render jobs wait in shootouts until dispatched: the command a job was submitted with is kept
until it goes to the outbox (`dispatched_at` set). Jobs from before were dispatched at once.
"""

from gts_kit.db.sql_steps import sql_steps

revision = "0006"
down_revision = "0005"
upgrade, downgrade = sql_steps(
    [
        "ALTER TABLE shootouts.render_jobs ADD COLUMN IF NOT EXISTS command BYTEA",
        "ALTER TABLE shootouts.render_jobs ADD COLUMN IF NOT EXISTS dispatched_at TIMESTAMPTZ",
        "UPDATE shootouts.render_jobs SET dispatched_at = created_at WHERE dispatched_at IS NULL",
        "CREATE INDEX IF NOT EXISTS render_jobs_waiting_idx "
        "ON shootouts.render_jobs (owner_id, created_at, id) "
        "WHERE dispatched_at IS NULL AND status = 'queued'",
    ],
    [
        "DROP INDEX IF EXISTS shootouts.render_jobs_waiting_idx",
        "ALTER TABLE shootouts.render_jobs DROP COLUMN IF EXISTS dispatched_at",
        "ALTER TABLE shootouts.render_jobs DROP COLUMN IF EXISTS command",
    ],
)
