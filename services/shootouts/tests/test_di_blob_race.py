"""A DI delete and an upload of the same bytes at once never leave a track without audio."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from .conftest import ALICE, BOB, Api, running, wav_bytes

ROUNDS = 40


@pytest.fixture
async def api(shootouts_db: str, nats_url: str) -> AsyncIterator[Api]:
    """The service with room for every round's uploads in the upload rate limit."""
    rate = 2 * ROUNDS
    async with running(
        shootouts_db, nats_url, upload_rate_burst=rate, upload_rate_per_minute=rate
    ) as api:
        yield api


async def test_a_delete_racing_an_identical_upload_leaves_the_new_track_readable(
    api: Api,
) -> None:
    for n in range(ROUNDS):
        data = wav_bytes(1.0, freq=100 + n)  # new bytes (a new blob) each round
        first = await api.upload_di(ALICE, "riff.wav", data)
        assert first.status_code == 201, first.text
        track = first.json()["id"]

        async def delete_after(head_start: float, track: str = track) -> httpx.Response:
            # the upload starts first by a little more each round, so the two meet at
            # every point of the upload: before its blob is stored, after, before its row
            await asyncio.sleep(head_start)
            return await api.request(ALICE, "DELETE", f"/api/v1/di-tracks/{track}")

        uploaded, deleted = await asyncio.gather(
            api.upload_di(BOB, "riff.wav", data), delete_after(n * 0.001)
        )
        assert deleted.status_code == 204, deleted.text
        assert uploaded.status_code == 201, uploaded.text
        audio = await api.request(BOB, "GET", f"/api/v1/di-tracks/{uploaded.json()['id']}/audio")
        assert audio.status_code == 200, f"round {n}: {audio.status_code} {audio.text[:200]}"
        assert audio.content == data
