"""The one error a malformed or unsupported .nam file raises."""

from __future__ import annotations


class NamFormatError(ValueError):
    """A .nam file that cannot be used; the message names the field and the reason."""
