"""Per-user quotas on DI tracks, DI bytes and signal chains, and the DI upload rate."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
from collections.abc import Callable

import nats
import pytest

from gts_contracts import DI_BUCKET

from .conftest import ALICE, BOB, Api, running, wav_bytes

Limited = Callable[..., contextlib.AbstractAsyncContextManager[Api]]


@pytest.fixture
def limited(shootouts_db: str, nats_url: str) -> Limited:
    """The service with the given settings (small quotas, a slow upload rate)."""
    return functools.partial(running, shootouts_db, nats_url)


def di(n: int) -> bytes:
    return wav_bytes(1.0, freq=100 + n)


async def stored(nats_url: str, data: bytes) -> bool:
    nc = await nats.connect(nats_url)
    try:
        store = await nc.jetstream().object_store(DI_BUCKET)
        try:
            await store.get_info(hashlib.sha256(data).hexdigest())
        except nats.js.errors.ObjectNotFoundError:
            return False
        return True
    finally:
        await nc.close()


async def test_the_di_track_quota_refuses_with_429_and_others_still_upload(
    limited: Limited, nats_url: str
) -> None:
    async with limited(quota_di_tracks=1) as api:
        assert (await api.upload_di(ALICE, "1.wav", di(1))).status_code == 201
        refused = await api.upload_di(ALICE, "2.wav", di(2))
        assert refused.status_code == 429, refused.text
        problem = refused.json()
        assert (problem["quota"], problem["limit"], problem["used"]) == ("di_tracks", 1, 1)
        assert problem["detail"] == "DI tracks quota reached: 1 of 1 used"
        assert not await stored(nats_url, di(2))
        assert (await api.upload_di(ALICE, "again.wav", di(1))).status_code == 200
        assert (await api.upload_di(BOB, "2.wav", di(2))).status_code == 201


async def test_the_di_storage_quota_refuses_with_413(limited: Limited, nats_url: str) -> None:
    first = di(1)
    async with limited(quota_di_bytes=len(first) + 1000) as api:
        assert (await api.upload_di(ALICE, "1.wav", first)).status_code == 201
        refused = await api.upload_di(ALICE, "2.wav", di(2))
        assert refused.status_code == 413, refused.text
        problem = refused.json()
        assert (problem["quota"], problem["used"]) == ("di_bytes", len(first))
        assert problem["detail"].startswith("DI storage quota reached: 96 kB of 97 kB used")
        assert not await stored(nats_url, di(2))


async def test_concurrent_di_uploads_at_the_last_slot_let_exactly_one_in(
    limited: Limited, nats_url: str
) -> None:
    async with limited(quota_di_tracks=2) as api:
        assert (await api.upload_di(ALICE, "1.wav", di(1))).status_code == 201
        files = [di(n) for n in range(10, 14)]
        answers = await asyncio.gather(
            *(api.upload_di(ALICE, f"{i}.wav", data) for i, data in enumerate(files))
        )
        assert sorted(a.status_code for a in answers) == [201, 429, 429, 429]
        for answer, data in zip(answers, files, strict=True):
            assert await stored(nats_url, data) == (answer.status_code == 201)


async def test_di_uploads_past_the_users_rate_get_429_with_retry_after(limited: Limited) -> None:
    async with limited(upload_rate_burst=1, upload_rate_per_minute=1) as api:
        assert (await api.upload_di(ALICE, "1.wav", di(1))).status_code == 201
        refused = await api.upload_di(ALICE, "2.wav", di(2))
        assert refused.status_code == 429, refused.text
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["code"] == "upload_rate_limited"
        assert (await api.upload_di(BOB, "2.wav", di(2))).status_code == 201


async def test_the_chain_quota_refuses_with_429(limited: Limited) -> None:
    async with limited(quota_signal_chains=1) as api:
        amp = await api.add_gear(ALICE, "Plexi", "amp-cab")
        chain = {"name": "x", "blocks": [{"type": "gear", "gear_id": str(amp)}]}
        made = await api.request(ALICE, "POST", "/api/v1/signal-chains", json=chain)
        assert made.status_code == 201, made.text
        refused = await api.request(ALICE, "POST", "/api/v1/signal-chains", json=chain)
        assert refused.status_code == 429, refused.text
        assert (refused.json()["quota"], refused.json()["used"]) == ("signal_chains", 1)
