"""Levels as the NAM plugin sets them: the gear read model keeps a capture's loudness and
calibration levels; a chain (and a chain group) has an input mode and an output mode; a group
may sweep its input gain over a list of values; a shootout names the reference level (dBu at
0 dBFS) calibrated chains are scaled from.
"""

from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    for column in ("loudness", "input_level_dbu", "output_level_dbu"):
        op.execute(f"ALTER TABLE shootouts.gear ADD COLUMN IF NOT EXISTS {column} DOUBLE PRECISION")
    for table in ("signal_chains", "chain_groups"):
        op.execute(
            f"ALTER TABLE shootouts.{table} "
            "ADD COLUMN IF NOT EXISTS input_mode TEXT NOT NULL DEFAULT 'raw', "
            "ADD COLUMN IF NOT EXISTS output_mode TEXT NOT NULL DEFAULT 'raw'"
        )
        op.execute(
            f"ALTER TABLE shootouts.{table} ADD CONSTRAINT {table}_input_mode_check "
            "CHECK (input_mode IN ('raw', 'calibrated'))"
        )
        op.execute(
            f"ALTER TABLE shootouts.{table} ADD CONSTRAINT {table}_output_mode_check "
            "CHECK (output_mode IN ('raw', 'normalized', 'calibrated'))"
        )
    op.execute("ALTER TABLE shootouts.chain_groups ADD COLUMN IF NOT EXISTS input_gains_db JSONB")
    op.execute(
        "ALTER TABLE shootouts.shootouts "
        "ADD COLUMN IF NOT EXISTS reference_dbu DOUBLE PRECISION NOT NULL DEFAULT 12"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE shootouts.shootouts DROP COLUMN IF EXISTS reference_dbu")
    op.execute("ALTER TABLE shootouts.chain_groups DROP COLUMN IF EXISTS input_gains_db")
    for table in ("signal_chains", "chain_groups"):
        op.execute(f"ALTER TABLE shootouts.{table} DROP COLUMN IF EXISTS output_mode")
        op.execute(f"ALTER TABLE shootouts.{table} DROP COLUMN IF EXISTS input_mode")
    for column in ("output_level_dbu", "input_level_dbu", "loudness"):
        op.execute(f"ALTER TABLE shootouts.gear DROP COLUMN IF EXISTS {column}")
