"""TONE3000's enumerated values: architectures, formats, gears, sizes."""

from __future__ import annotations

from typing import Literal, get_args

# `architecture_version` of a NAM model, and the `architecture` filter on /models and search
Architecture = Literal["1", "2", "custom"]
ARCHITECTURES: tuple[Architecture, ...] = get_args(Architecture)
# what TONE3000 lists when a request carries no `architecture` (A2 is left out)
DEFAULT_ARCHITECTURES: frozenset[Architecture] = frozenset({"1", "custom"})

# a tone's `format` (formerly `platform`): how its models are encoded
ToneFormat = Literal["nam", "ir", "aida-x", "aa-snapshot", "proteus"]
TONE_FORMATS: tuple[ToneFormat, ...] = get_args(ToneFormat)

# `full-rig` (now `amp-cab`) and `ir` (now `format=ir`) are deprecated but still accepted
Gear = Literal[
    "amp", "amp-cab", "pedal", "outboard", "cab", "space", "experimental", "full-rig", "ir"
]
GEARS: tuple[Gear, ...] = get_args(Gear)

Size = Literal["standard", "lite", "feather", "nano", "custom"]
SIZES: tuple[Size, ...] = get_args(Size)
