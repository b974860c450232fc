"""A faithful local stand-in of the TONE3000 API v1, for tests and the local stack. Never deployed."""
