"""The outbox and inbox tables of the catalog schema.

Revision ID: 0001
Revises:
"""

from gts_kit.db.messaging_tables import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables("catalog")


def downgrade() -> None:
    raise NotImplementedError("the first migration is not reversible")
