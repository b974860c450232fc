"""A shootout's passages and montage mode: which part of each DI to compare (`passages`, a
JSON list of `{di_id, start_seconds, end_seconds}`; a DI not listed is compared whole), how
the montage plays the chains (`montage_mode`, `rounds`), and whether each chain's whole DI is
rendered too (`full_renders`).
"""

from gts_kit.db.sql_steps import sql_steps

revision = "0011"
down_revision = "0010"
upgrade, downgrade = sql_steps(
    [
        "ALTER TABLE shootouts.shootouts "
        "ADD COLUMN IF NOT EXISTS montage_mode TEXT NOT NULL DEFAULT 'alternate', "
        "ADD COLUMN IF NOT EXISTS rounds INTEGER NOT NULL DEFAULT 1, "
        "ADD COLUMN IF NOT EXISTS full_renders BOOLEAN NOT NULL DEFAULT false, "
        "ADD COLUMN IF NOT EXISTS passages JSONB NOT NULL DEFAULT '[]'::jsonb",
        "ALTER TABLE shootouts.shootouts ADD CONSTRAINT shootouts_montage_mode_check "
        "CHECK (montage_mode IN ('alternate', 'sequence'))",
        "ALTER TABLE shootouts.shootouts ADD CONSTRAINT shootouts_rounds_check "
        "CHECK (rounds BETWEEN 1 AND 2 AND (rounds = 1 OR montage_mode = 'sequence'))",
    ],
    [
        "ALTER TABLE shootouts.shootouts DROP CONSTRAINT IF EXISTS shootouts_rounds_check",
        "ALTER TABLE shootouts.shootouts DROP CONSTRAINT IF EXISTS shootouts_montage_mode_check",
        *(
            f"ALTER TABLE shootouts.shootouts DROP COLUMN IF EXISTS {column}"
            for column in ("passages", "full_renders", "rounds", "montage_mode")
        ),
    ],
)
