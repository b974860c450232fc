"""DI tracks record which channel is the guitar (`left`, `right` or `mix`); existing ones `left`.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # `left` is what the renderer read from every DI before the choice existed
    op.execute(
        "ALTER TABLE shootouts.di_tracks "
        "ADD COLUMN IF NOT EXISTS channel TEXT NOT NULL DEFAULT 'left'"
    )
    op.execute("ALTER TABLE shootouts.di_tracks DROP CONSTRAINT IF EXISTS di_tracks_channel_check")
    op.execute(
        "ALTER TABLE shootouts.di_tracks ADD CONSTRAINT di_tracks_channel_check "
        "CHECK (channel IN ('left', 'right', 'mix'))"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE shootouts.di_tracks DROP CONSTRAINT IF EXISTS di_tracks_channel_check")
    op.execute("ALTER TABLE shootouts.di_tracks DROP COLUMN IF EXISTS channel")
