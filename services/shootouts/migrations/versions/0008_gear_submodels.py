"""The gear read model keeps an A2 SlimmableContainer's submodels, so a chain's capture block
may set `slim` on such a capture only (chain blocks are JSON: their `slim` needs no column).
"""

from gts_kit.db.sql_steps import sql_steps

revision = "0008"
down_revision = "0007"
upgrade, downgrade = sql_steps(
    ["ALTER TABLE shootouts.gear ADD COLUMN IF NOT EXISTS submodels JSONB"],
    ["ALTER TABLE shootouts.gear DROP COLUMN IF EXISTS submodels"],
)
