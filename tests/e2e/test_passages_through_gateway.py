"""A shootout of a passage, as a sequence montage, through the gateway: the API announces the
montage's length before the render, the render makes exactly that, and the video comes with
its thumbnail and YouTube text."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import soundfile as sf

from gts_cli.client import GtsClient

from .rendering import amp_cab_shootout, render_to_completion

pytestmark = pytest.mark.e2e


def _output(client: GtsClient, results: list[Any], kind: str) -> Any:
    return next(r for r in results if r["kind"] == kind)


def test_a_passage_in_sequence_renders_the_announced_montage_with_youtube_files(
    bob: GtsClient,
) -> None:
    _, shootout = amp_cab_shootout(
        bob,
        "Two amps, the chorus twice",
        (172, 173),
        ir_seed=171,
        di=(6.0, 174),
        passage=(1.5, 4.0),
        montage={"mode": "sequence", "rounds": 2},
        outputs={"video": True, "pictures": False},
    )
    plan = shootout["montage_plan"][0]
    assert plan["passage_seconds"] == pytest.approx(2.5)
    assert plan["pieces"] == 4  # 2 chains, twice round
    results = render_to_completion(bob, shootout["id"])
    for r in results:
        if r["kind"] == "chain_audio":
            assert r["duration_seconds"] == pytest.approx(2.5)
    montage = next(
        r for r in results if r["kind"] == "montage_audio" and r["content_type"] == "audio/flac"
    )
    data = bob.request("GET", f"/api/v1/outputs/{montage['id']}").content
    frames = sf.info(io.BytesIO(data)).frames
    assert frames == round(plan["montage_seconds"] * 48_000)
    thumbnail = _output(bob, results, "thumbnail")
    assert thumbnail["content_type"] == "image/jpeg"
    text = bob.request("GET", f"/api/v1/outputs/{_output(bob, results, 'youtube_text')['id']}")
    body = text.content.decode()
    assert body.startswith("Two amps, the chorus twice")
    chapters = re.findall(r"^(\d+):(\d\d) (Amp \d+)$", body, re.MULTILINE)
    # a chapter per chain at its first switch: the second chain starts one passage in
    assert [(int(m) * 60 + int(s), name) for m, s, name in chapters] == [
        (0, "Amp 172"),
        (round(plan["montage_seconds"] / 4), "Amp 173"),
    ]
