"""Forwarding client requests to the service that owns the path."""
