"""The DI channel of the render command: a command written before it existed means `left`."""

from __future__ import annotations

import json

from gts_contracts import RenderRequestedV1, decode
from gts_contracts.examples import examples_for


def test_a_command_without_the_di_channel_decodes_as_left() -> None:
    (example, *_) = examples_for(RenderRequestedV1)
    payload = json.loads(example.data)
    for di in payload["di_tracks"]:
        del di["channel"]
    command = decode(json.dumps(payload).encode(), RenderRequestedV1)
    assert [di.channel for di in command.di_tracks] == ["left"] * len(payload["di_tracks"])


def test_the_golden_command_carries_a_stereo_dis_right_channel() -> None:
    commands = [decode(e.data, RenderRequestedV1) for e in examples_for(RenderRequestedV1)]
    chosen = {(di.channels, di.channel) for c in commands for di in c.di_tracks}
    assert (2, "right") in chosen
