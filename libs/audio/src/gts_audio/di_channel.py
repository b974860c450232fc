"""Which channel of a DI recording is the guitar: the left, the right, or the mean of both."""

from __future__ import annotations

from typing import Literal, get_args

import numpy as np
import numpy.typing as npt

from gts_audio.di_rules import DIFormatError

DIChannel = Literal["left", "right", "mix"]
DI_CHANNELS: tuple[DIChannel, ...] = get_args(DIChannel)
DEFAULT_DI_CHANNEL: DIChannel = "left"


def parse_di_channel(value: str) -> DIChannel:
    """`value` as a channel choice; raises `DIFormatError` on the `channel` field otherwise."""
    for choice in DI_CHANNELS:
        if value == choice:
            return choice
    raise DIFormatError(
        "channel", f"{value!r} is not one of {', '.join(DI_CHANNELS)}", "invalid_channel"
    )


def pick_channel(frames: npt.NDArray[np.floating], channel: str) -> npt.NDArray[np.float32]:
    """One mono float32 signal from `frames` (frames, or frames x channels) per `channel`.

    `left` is the first channel, `right` the second, `mix` their mean (out-of-phase content
    cancels). A mono recording has one channel, and every choice reads it.
    """
    choice = parse_di_channel(channel)
    grid = frames.reshape(frames.shape[0], -1)
    if grid.shape[1] == 1 or choice == "left":
        mono = grid[:, 0]
    elif choice == "right":
        mono = grid[:, 1]
    else:
        mono = grid[:, :2].mean(axis=1, dtype=np.float64)
    return np.ascontiguousarray(mono, dtype=np.float32)
