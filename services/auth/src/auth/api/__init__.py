"""The auth service's HTTP endpoints."""
