"""Render commands for tests: a mono DI, chains of gear and the command over them.

The ids a command needs (DI, chains, job, shootout, owner) are fresh for each call, so a
test states only what it is about: the blobs, the gear and the options.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from gts_contracts.shootouts import (
    ChainBlock,
    ChainSpec,
    DITrackRef,
    RenderOptions,
    RenderRequestedV1,
)

DI_RATE = 48_000


def mono_di(blob_sha256: str, seconds: float, name: str = "riff") -> DITrackRef:
    """A mono DI at 48 kHz, `seconds` long, stored as `blob_sha256`."""
    return DITrackRef(
        di_id=uuid.uuid4(),
        name=name,
        blob_sha256=blob_sha256,
        sample_rate=DI_RATE,
        channels=1,
        duration_seconds=seconds,
    )


def chain_spec(name: str, blocks: Sequence[ChainBlock]) -> ChainSpec:
    """A chain of `blocks`, in signal order, at 0 dB input gain."""
    return ChainSpec(chain_id=uuid.uuid4(), name=name, input_gain_db=0.0, blocks=list(blocks))


def render_command(
    di: DITrackRef, chains: list[ChainSpec], options: RenderOptions
) -> RenderRequestedV1:
    """A render command of one owner's shootout: `di` through each of `chains`."""
    return RenderRequestedV1.new(
        job_id=uuid.uuid4(),
        shootout_id=uuid.uuid4(),
        owner_id=uuid.uuid4(),
        di_tracks=[di],
        chains=chains,
        options=options,
    )
