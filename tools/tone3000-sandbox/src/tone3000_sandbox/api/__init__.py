"""The sandbox's HTTP surface: OAuth, data endpoints under /api/v1, and /_sandbox admin."""
