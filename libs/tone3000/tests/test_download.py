"""Model downloads: streamed, bounded, only to TONE3000's origin."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from gts_nam import parse_nam
from gts_tone3000 import (
    Tone3000Client,
    Tone3000Config,
    Tone3000DownloadTooLargeError,
    Tone3000Error,
)


@pytest.fixture
async def bob(client, tokens_for):
    return client.as_user((await tokens_for("bob")).access_token)


async def test_a_downloaded_model_is_a_valid_nam_file(bob):
    tone = next(t for t in (await bob.tones_created(page_size=100)).data if t.a1_models_count)
    model = (await bob.list_models(tone.id)).data[0]
    body = await bob.download_model(model.model_url, max_bytes=2_000_000)
    assert parse_nam(body).architecture is not None


async def test_a_body_over_max_bytes_is_refused(bob):
    models = await bob.list_models(51000)  # alice's first tone: public, all four sizes
    standard = next(m for m in models.data if m.size == "standard")
    with pytest.raises(Tone3000DownloadTooLargeError) as caught:
        await bob.download_model(standard.model_url, max_bytes=100_000)
    assert caught.value.size is not None
    assert caught.value.size > 100_000


async def test_a_stream_without_length_is_cut_at_max_bytes() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(1000):
            yield b"x" * 1024

    def endless(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())  # no Content-Length: chunked

    async with httpx.AsyncClient(transport=httpx.MockTransport(endless)) as http:
        client = Tone3000Client(http, Tone3000Config("t3k_pub_x", "https://t3k.example/api/v1"))
        api = client.as_user("tok")
        with pytest.raises(Tone3000DownloadTooLargeError):
            await api.download_model("https://t3k.example/api/v1/models/1/download/a.nam", 10_000)


async def test_the_token_is_never_sent_to_another_origin(bob):
    with pytest.raises(Tone3000Error, match="model_url"):
        await bob.download_model("https://evil.example/a.nam", max_bytes=1_000)


async def test_a_missing_file_is_a_404_error(bob, sandbox):
    with pytest.raises(Tone3000Error) as caught:
        await bob.download_model(f"{sandbox.api_url}/models/1/download/none.nam", 1_000)
    assert caught.value.status == 404
