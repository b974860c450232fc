"""Gear items: what a user can put into a signal chain."""
