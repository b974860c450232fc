"""DI tracks record which channel is the guitar (`left`, `right` or `mix`); existing ones `left`."""

from gts_kit.db.sql_steps import sql_steps

revision = "0004"
down_revision = "0003"
# `left` is what the renderer read from every DI before the choice existed
upgrade, downgrade = sql_steps(
    [
        "ALTER TABLE shootouts.di_tracks "
        "ADD COLUMN IF NOT EXISTS channel TEXT NOT NULL DEFAULT 'left'",
        "ALTER TABLE shootouts.di_tracks DROP CONSTRAINT IF EXISTS di_tracks_channel_check",
        "ALTER TABLE shootouts.di_tracks ADD CONSTRAINT di_tracks_channel_check "
        "CHECK (channel IN ('left', 'right', 'mix'))",
    ],
    [
        "ALTER TABLE shootouts.di_tracks DROP CONSTRAINT IF EXISTS di_tracks_channel_check",
        "ALTER TABLE shootouts.di_tracks DROP COLUMN IF EXISTS channel",
    ],
)
