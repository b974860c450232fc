"""Helpers of the parse-refusal tests: a synthesized .nam document to break, and the
message parse_nam refuses it with."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gts_nam import NamFormatError, parse_nam, synthesize_nam


def synthesized_doc(kind: str = "nano") -> dict[str, Any]:
    """A synthesized .nam file of this kind, as a JSON object to mutate."""
    loaded: dict[str, Any] = json.loads(synthesize_nam(kind, seed=1))
    return loaded


def refusal_message(doc: dict[str, Any]) -> str:
    """The message parse_nam raises for this document (fails the test when it parses)."""
    with pytest.raises(NamFormatError) as info:
        parse_nam(json.dumps(doc).encode())
    return str(info.value)
