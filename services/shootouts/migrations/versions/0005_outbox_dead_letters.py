"""Outbox rows NATS refuses for good move to a dead-letter table, so the relay goes on.

Revision ID: 0005
Revises: 0004
"""

from gts_kit.db.messaging_tables import create_outbox_dead_letters, drop_outbox_dead_letters

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_outbox_dead_letters("shootouts")


def downgrade() -> None:
    drop_outbox_dead_letters("shootouts")
