"""The gear read model keeps an A2 SlimmableContainer's submodels, so a chain's capture block
may set `slim` on such a capture only (chain blocks are JSON: their `slim` needs no column).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE shootouts.gear ADD COLUMN IF NOT EXISTS submodels JSONB")


def downgrade() -> None:
    op.execute("ALTER TABLE shootouts.gear DROP COLUMN IF EXISTS submodels")
