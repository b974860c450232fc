"""Render jobs: submitted through the outbox, moved by render's events, outputs recorded."""
