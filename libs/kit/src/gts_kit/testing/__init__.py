"""Test support: a pytest plugin that gives the session a real PostgreSQL and a real NATS."""
