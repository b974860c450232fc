"""The one error a local server raises: its message is the one-line cause a person reads."""


class LocalServerError(Exception):
    """A local server could not start or stop; the message says why in one line."""
