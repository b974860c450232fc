"""An A2 SlimmableContainer's submodels (max_value, size, loudness) kept with its gear item."""

from gts_kit.db.sql_steps import sql_steps

revision = "0005"
down_revision = "0004"
upgrade, downgrade = sql_steps(
    ["ALTER TABLE catalog.gear_items ADD COLUMN IF NOT EXISTS submodels JSONB"],
    ["ALTER TABLE catalog.gear_items DROP COLUMN IF EXISTS submodels"],
)
