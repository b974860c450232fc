"""Outbox rows NATS refuses for good move to a dead-letter table, so the relay goes on.

Revision ID: 0004
Revises: 0003
"""

from gts_kit.db.messaging_tables import create_outbox_dead_letters, drop_outbox_dead_letters

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_outbox_dead_letters("catalog")


def downgrade() -> None:
    drop_outbox_dead_letters("catalog")
