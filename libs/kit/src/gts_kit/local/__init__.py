"""Real NATS and PostgreSQL servers run from PyPI packages, for the local stack and the tests."""
