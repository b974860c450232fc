"""The outbox publishes in the order rows were written (`seq`), not by transaction start."""

from gts_kit.db.messaging_migrations import outbox_sequence_steps

revision = "0003"
down_revision = "0002"
upgrade, downgrade = outbox_sequence_steps("auth")
