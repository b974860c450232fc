"""Each DI's passage and the montage mode of the render command: a command written before
they existed means the whole recording, alternated, once round, no full renders."""

from __future__ import annotations

import json

import pytest

from gts_contracts import MessageDecodeError, RenderRequestedV1, decode
from gts_contracts.examples import examples_for


def test_a_command_without_passages_or_mode_decodes_to_the_whole_alternated_recording() -> None:
    payload = json.loads(examples_for(RenderRequestedV1)[-1].data)
    for di in payload["di_tracks"]:
        del di["start_seconds"], di["end_seconds"]
    for field in ("montage_mode", "rounds", "full_renders"):
        del payload["options"][field]
    command = decode(json.dumps(payload).encode(), RenderRequestedV1)
    assert {(di.start_seconds, di.end_seconds) for di in command.di_tracks} == {(0.0, None)}
    options = command.options
    assert (options.montage_mode, options.rounds, options.full_renders) == ("alternate", 1, False)


def test_the_golden_commands_carry_a_passage_and_a_sequence_twice_round() -> None:
    commands = [decode(e.data, RenderRequestedV1) for e in examples_for(RenderRequestedV1)]
    passages = {(di.start_seconds, di.end_seconds) for c in commands for di in c.di_tracks}
    assert (2.5, 10.0) in passages
    modes = {(c.options.montage_mode, c.options.rounds, c.options.full_renders) for c in commands}
    assert ("sequence", 2, True) in modes


@pytest.mark.parametrize(
    ("where", "field", "value"),
    [
        ("di", "start_seconds", -1.0),
        ("di", "end_seconds", 0.0),
        ("options", "rounds", 3),
        ("options", "rounds", 0),
        ("options", "montage_mode", "shuffle"),
    ],
)
def test_out_of_range_passage_or_mode_is_refused_naming_the_field(
    where: str, field: str, value: object
) -> None:
    payload = json.loads(examples_for(RenderRequestedV1)[0].data)
    target = payload["di_tracks"][0] if where == "di" else payload["options"]
    target[field] = value
    with pytest.raises(MessageDecodeError, match=field):
        decode(json.dumps(payload).encode(), RenderRequestedV1)
