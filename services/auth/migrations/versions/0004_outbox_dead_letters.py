"""Outbox rows NATS refuses for good move to a dead-letter table, so the relay goes on."""

from gts_kit.db.messaging_migrations import outbox_dead_letters_steps

revision = "0004"
down_revision = "0003"
upgrade, downgrade = outbox_dead_letters_steps("auth")
