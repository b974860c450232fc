"""Constrained field types shared by the messages (the constraints show in the schemas).

Every string and every list a message carries is bounded here, so one oversized value can
never make an event too large for the bus (NATS refuses payloads over 1 MiB). Producers
check or trim their input to the same limits before they stage an event.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

# A name a user gives or a file brings (gear, chain, DI track, username, worker).
NAME_MAX_CHARS = 200
# A short descriptive value (make, model, architecture, display name, content type).
LABEL_MAX_CHARS = 200
# A sentence for people: a failure reason, a progress message, an error message.
TEXT_MAX_CHARS = 2000
# An opaque credential (a TONE3000 access token).
TOKEN_MAX_CHARS = 8192
URL_MAX_CHARS = 2048

Sha256 = Annotated[
    str, msgspec.Meta(pattern="^[0-9a-f]{64}$", description="lower-case hex sha256 of a blob")
]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=NAME_MAX_CHARS)]
Label = Annotated[str, msgspec.Meta(max_length=LABEL_MAX_CHARS)]
NonEmptyLabel = Annotated[str, msgspec.Meta(min_length=1, max_length=LABEL_MAX_CHARS)]
Text = Annotated[str, msgspec.Meta(max_length=TEXT_MAX_CHARS)]
NonEmptyText = Annotated[str, msgspec.Meta(min_length=1, max_length=TEXT_MAX_CHARS)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=TOKEN_MAX_CHARS)]
ByteCount = Annotated[int, msgspec.Meta(ge=0, description="bytes")]
SampleRate = Annotated[int, msgspec.Meta(gt=0, description="Hz")]
ChannelCount = Annotated[int, msgspec.Meta(ge=1, le=64)]
Seconds = Annotated[float, msgspec.Meta(ge=0, description="seconds")]
Url = Annotated[str, msgspec.Meta(min_length=1, max_length=URL_MAX_CHARS)]

# Which channel of a DI recording is the guitar: the left, the right, or their mean.
DIChannel = Literal["left", "right", "mix"]
GearKind = Literal["amp", "amp-cab", "pedal", "outboard", "cab-ir"]
GearFormat = Literal["nam", "ir"]

Percent = Annotated[float, msgspec.Meta(ge=0, le=100, description="percent of the whole job")]
