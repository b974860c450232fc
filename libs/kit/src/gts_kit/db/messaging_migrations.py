"""The outbox and inbox's migration steps, the same in every service with a database.

A service's migration names its revision and takes its `upgrade` and `downgrade` from here:

    revision = "0003"
    down_revision = "0002"
    upgrade, downgrade = outbox_sequence_steps("auth")
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import MetaData

from gts_kit.db.messaging_tables import inbox_table, outbox_dead_letters_table, outbox_table
from gts_kit.db.sql_steps import Step


def messaging_tables_steps(schema: str) -> tuple[Step, Step]:
    """A service's first migration: create its outbox and inbox tables (not reversible)."""

    def upgrade() -> None:
        metadata = MetaData(schema=schema)
        bind = op.get_bind()
        for table in (outbox_table(metadata), inbox_table(metadata)):
            table.create(bind)

    def downgrade() -> None:
        raise NotImplementedError("the first migration is not reversible")

    return upgrade, downgrade


def outbox_dead_letters_steps(schema: str) -> tuple[Step, Step]:
    """Add the outbox's dead-letter table; the downgrade drops it."""

    def upgrade() -> None:
        outbox_dead_letters_table(MetaData(schema=schema)).create(op.get_bind(), checkfirst=True)

    def downgrade() -> None:
        outbox_dead_letters_table(MetaData(schema=schema)).drop(op.get_bind(), checkfirst=True)

    return upgrade, downgrade


def outbox_sequence_steps(schema: str) -> tuple[Step, Step]:
    """Give an outbox made before `seq` existed its `seq` column, and order the relay's index
    by it; the downgrade goes back to ordering by `created_at`.

    A database created since has `seq` from its first migration, so each step checks first.
    """

    def upgrade() -> None:
        op.execute(
            f"ALTER TABLE {schema}.outbox ADD COLUMN IF NOT EXISTS seq bigint "
            "GENERATED ALWAYS AS IDENTITY"
        )
        op.execute(f"DROP INDEX IF EXISTS {schema}.ix_outbox_unpublished")
        op.execute(
            f"CREATE INDEX IF NOT EXISTS ix_outbox_unpublished_seq ON {schema}.outbox (seq) "
            "WHERE published_at IS NULL"
        )

    def downgrade() -> None:
        op.execute(f"DROP INDEX IF EXISTS {schema}.ix_outbox_unpublished_seq")
        op.execute(f"ALTER TABLE {schema}.outbox DROP COLUMN IF EXISTS seq")
        op.execute(
            f"CREATE INDEX IF NOT EXISTS ix_outbox_unpublished ON {schema}.outbox (created_at) "
            "WHERE published_at IS NULL"
        )

    return upgrade, downgrade
