"""The optional descriptive part of a .nam file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class NamMetadata:
    """What the capture's author said about it; every field is optional.

    `loudness` is in dB (the official plugin's normalized output adds `-18 - loudness` dB),
    `input_level_dbu`/`output_level_dbu` in dBu, `gain` a 0..1 estimate.
    """

    name: str | None = None
    modeled_by: str | None = None
    gear_type: str | None = None
    gear_make: str | None = None
    gear_model: str | None = None
    tone_type: str | None = None
    loudness: float | None = None
    gain: float | None = None
    input_level_dbu: float | None = None
    output_level_dbu: float | None = None
    date: datetime | None = None
    training: dict[str, Any] | None = None
