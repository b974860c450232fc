"""The catalog's events reach NATS through the outbox, matching their declared contracts."""

from __future__ import annotations

import hashlib

import nats
from nats.js.api import DeliverPolicy

from gts_contracts import GearAddedV1, GearRemovedV1, GearUpdatedV1, decode, spec_for
from gts_nam import synthesize_nam

from .conftest import ALICE, Api
from .wavs import wav


async def collect(nats_url: str, subject: str, count: int, seconds: float = 10.0) -> list[bytes]:
    """The first `count` messages on `subject` from the start of its stream."""
    nc = await nats.connect(nats_url)
    try:
        sub = await nc.jetstream().subscribe(
            subject, ordered_consumer=True, deliver_policy=DeliverPolicy.ALL
        )
        return [(await sub.next_msg(timeout=seconds)).data for _ in range(count)]
    finally:
        await nc.close()


async def test_added_updated_removed_events_carry_what_consumers_need(
    api: Api, nats_url: str
) -> None:
    data = synthesize_nam(
        "standard",
        seed=21,
        loudness=-18.5,
        gear_make="Fender",
        input_level_dbu=18.3,
        output_level_dbu=9.8,
    )
    item = (await api.upload(ALICE, "twin.nam", data, kind="amp", name="Twin Reverb")).json()
    await api.request(ALICE, "PATCH", f"/api/v1/gear/{item['id']}", json={"name": "Twin"})
    await api.request(ALICE, "DELETE", f"/api/v1/gear/{item['id']}")

    (raw_added,) = await collect(nats_url, spec_for(GearAddedV1).subject, 1)
    added = decode(raw_added, GearAddedV1)
    assert (added.owner_id, str(added.gear_id)) == (ALICE, item["id"])
    assert (added.kind, added.format, added.name, added.make) == (
        "amp",
        "nam",
        "Twin Reverb",
        "Fender",
    )
    assert added.blob_sha256 == hashlib.sha256(data).hexdigest()
    assert (added.size_bytes, added.sample_rate) == (len(data), 48_000)
    assert (added.architecture, added.size_preset, added.loudness) == ("WaveNet", "standard", -18.5)
    assert added.channels is None
    # the calibration levels the plugin uses, for calibrated chains in shootouts
    assert (added.input_level_dbu, added.output_level_dbu) == (18.3, 9.8)

    (raw_updated,) = await collect(nats_url, spec_for(GearUpdatedV1).subject, 1)
    updated = decode(raw_updated, GearUpdatedV1)
    assert (updated.gear_id, updated.name, updated.blob_sha256) == (
        added.gear_id,
        "Twin",
        added.blob_sha256,
    )
    assert (updated.input_level_dbu, updated.output_level_dbu) == (18.3, 9.8)

    (raw_removed,) = await collect(nats_url, spec_for(GearRemovedV1).subject, 1)
    removed = decode(raw_removed, GearRemovedV1)
    assert (removed.owner_id, removed.gear_id, removed.blob_sha256) == (
        ALICE,
        added.gear_id,
        added.blob_sha256,
    )


async def test_ir_event_describes_channels_and_length(api: Api, nats_url: str) -> None:
    await api.upload(ALICE, "cab.wav", wav(0.5, rate=44_100, channels=2))
    (raw,) = await collect(nats_url, spec_for(GearAddedV1).subject, 1)
    added = decode(raw, GearAddedV1)
    assert (added.kind, added.format, added.sample_rate, added.channels) == (
        "cab-ir",
        "ir",
        44_100,
        2,
    )
    assert added.duration_seconds is not None
    assert abs(added.duration_seconds - 0.5) < 1e-6
    assert added.architecture is None
