"""The outbox and inbox tables of the auth schema."""

from gts_kit.db.messaging_migrations import messaging_tables_steps

revision = "0001"
down_revision = None
upgrade, downgrade = messaging_tables_steps("auth")
