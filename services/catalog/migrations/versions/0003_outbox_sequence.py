"""The outbox publishes in the order rows were written (`seq`), not by transaction start.

Revision ID: 0003
Revises: 0002
"""

from gts_kit.db.messaging_tables import add_outbox_sequence, remove_outbox_sequence

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_outbox_sequence("catalog")


def downgrade() -> None:
    remove_outbox_sequence("catalog")
