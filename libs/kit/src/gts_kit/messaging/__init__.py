"""Messaging plumbing: the broker, streams, the transactional outbox and idempotent consumers."""
