"""Constrained field types shared by the messages (the constraints show in the schemas)."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

Sha256 = Annotated[
    str, msgspec.Meta(pattern="^[0-9a-f]{64}$", description="lower-case hex sha256 of a blob")
]
NonEmptyStr = Annotated[str, msgspec.Meta(min_length=1)]
ByteCount = Annotated[int, msgspec.Meta(ge=0, description="bytes")]
SampleRate = Annotated[int, msgspec.Meta(gt=0, description="Hz")]
ChannelCount = Annotated[int, msgspec.Meta(ge=1, le=64)]
Seconds = Annotated[float, msgspec.Meta(ge=0, description="seconds")]
Url = Annotated[str, msgspec.Meta(min_length=1, max_length=2048)]

# Which channel of a DI recording is the guitar: the left, the right, or their mean.
DIChannel = Literal["left", "right", "mix"]
GearKind = Literal["amp", "amp-cab", "pedal", "outboard", "cab-ir"]
GearFormat = Literal["nam", "ir"]

Percent = Annotated[float, msgspec.Meta(ge=0, le=100, description="percent of the whole job")]
