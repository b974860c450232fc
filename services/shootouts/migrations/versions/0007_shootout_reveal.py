"""A blind shootout's owner may reveal which letter is which chain to everyone: `revealed_at`
records when, `revealed_job_id` which render's letters (a new render shuffles them anew, so
it starts unrevealed).
"""

from gts_kit.db.sql_steps import sql_steps

revision = "0007"
down_revision = "0006"
upgrade, downgrade = sql_steps(
    [
        "ALTER TABLE shootouts.shootouts ADD COLUMN IF NOT EXISTS revealed_at TIMESTAMPTZ",
        "ALTER TABLE shootouts.shootouts ADD COLUMN IF NOT EXISTS revealed_job_id UUID",
    ],
    [
        "ALTER TABLE shootouts.shootouts DROP COLUMN IF EXISTS revealed_job_id",
        "ALTER TABLE shootouts.shootouts DROP COLUMN IF EXISTS revealed_at",
    ],
)
