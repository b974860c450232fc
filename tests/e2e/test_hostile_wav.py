"""WAV headers are checked, not trusted: a hostile header is refused at upload, nothing is kept.

The files are built here with struct: a mono 16-bit header whose block_align claims 200-byte
frames, so a header-trusting probe reads a short file while libsndfile decodes 100 times more.
"""

from __future__ import annotations

import struct

import httpx
import numpy as np
import pytest

from gts_cli.client import GtsClient

pytestmark = pytest.mark.e2e

RATE = 8_000


def _wav(seconds: float, seed: int, block_align: int = 2) -> bytes:
    """Mono 16-bit PCM at `RATE`; any `block_align` other than 2 is a lie."""
    rng = np.random.default_rng(seed)
    audio = (rng.uniform(-0.5, 0.5, int(seconds * RATE)) * 32_767).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, 1, RATE, RATE * block_align, block_align, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(audio)) + audio
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _total(client: GtsClient, path: str) -> int:
    total: int = client.get(path, params={"limit": 1})["total"]
    return total


def _refused_naming_the_file(response: httpx.Response) -> str:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert [e["field"] for e in problem["errors"]] == ["file"]
    reason: str = problem["errors"][0]["reason"]
    return reason


def test_an_ir_with_a_lying_block_align_is_refused_and_nothing_is_stored(
    alice: GtsClient,
) -> None:
    before = _total(alice, "/api/v1/gear")
    # 2 s of samples, which the lying header makes 0.02 s, well inside the 10 s IR limit
    hostile = _wav(2.0, seed=1, block_align=200)
    answer = alice.http.post("/api/v1/gear", files={"file": ("hostile.wav", hostile, "audio/wav")})
    reason = _refused_naming_the_file(answer)
    assert "block_align 200, but 1 channel of 16-bit samples needs 2" in reason
    assert _total(alice, "/api/v1/gear") == before

    cab = alice.post("/api/v1/gear", files={"file": ("honest.wav", _wav(0.5, seed=2), "audio/wav")})
    assert (cab["kind"], cab["channels"]) == ("cab-ir", 1)
    assert cab["duration_seconds"] == pytest.approx(0.5)
    assert _total(alice, "/api/v1/gear") == before + 1


def test_a_di_with_a_lying_block_align_is_refused_and_nothing_is_stored(
    alice: GtsClient,
) -> None:
    before = _total(alice, "/api/v1/di-tracks")
    hostile = _wav(3.0, seed=3, block_align=4)
    answer = alice.http.post(
        "/api/v1/di-tracks",
        files={"file": ("hostile.wav", hostile, "audio/wav")},
        data={"name": "hostile riff"},
    )
    reason = _refused_naming_the_file(answer)
    assert "block_align 4, but 1 channel of 16-bit samples needs 2" in reason
    assert _total(alice, "/api/v1/di-tracks") == before

    di = alice.post(
        "/api/v1/di-tracks",
        files={"file": ("honest.wav", _wav(2.0, seed=4), "audio/wav")},
        data={"name": "honest riff"},
    )
    assert di["duration_seconds"] == pytest.approx(2.0)
    assert _total(alice, "/api/v1/di-tracks") == before + 1
