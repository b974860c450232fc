"""The error the stack raises when it cannot start."""

from __future__ import annotations


class StackError(Exception):
    """The stack could not start; the message is the one-line cause."""
