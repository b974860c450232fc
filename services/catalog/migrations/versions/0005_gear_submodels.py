"""An A2 SlimmableContainer's submodels (max_value, size, loudness) kept with its gear item.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE catalog.gear_items ADD COLUMN IF NOT EXISTS submodels JSONB")


def downgrade() -> None:
    op.execute("ALTER TABLE catalog.gear_items DROP COLUMN IF EXISTS submodels")
