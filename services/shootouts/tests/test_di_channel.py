"""The channel of a DI that renders: chosen at upload, shown, changed, and sent to render."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import soundfile as sf

from .conftest import ALICE, Api, wav_bytes
from .flow import commands, ready_shootout
from .upload_checks import assert_upload_refused

RATE = 48_000


def stereo_wav(seconds: float = 1.5) -> bytes:
    """A stereo DI whose channels differ: a low note on the left, a high one on the right."""
    t = np.arange(round(seconds * RATE)) / RATE
    left = 0.5 * np.sin(2 * np.pi * 82.4 * t) * np.exp(-t)
    right = 0.4 * np.sin(2 * np.pi * 659.3 * t) * np.exp(-2 * t)
    out = io.BytesIO()
    sf.write(out, np.stack([left, right], axis=1), RATE, format="WAV", subtype="PCM_24")
    return out.getvalue()


async def test_upload_records_the_chosen_channel_beside_the_file_s_channels(api: Api) -> None:
    answer = await api.upload_di(ALICE, "two.wav", stereo_wav(), channel="right")
    assert answer.status_code == 201, answer.text
    assert (answer.json()["channels"], answer.json()["channel"]) == (2, "right")
    listed = (await api.request(ALICE, "GET", "/api/v1/di-tracks")).json()["items"]
    assert [(t["channels"], t["channel"]) for t in listed] == [(2, "right")]


async def test_the_channel_defaults_to_left(api: Api) -> None:
    stereo = (await api.upload_di(ALICE, "two.wav", stereo_wav())).json()
    mono = (await api.upload_di(ALICE, "one.wav", wav_bytes(1.0))).json()
    assert (stereo["channels"], stereo["channel"]) == (2, "left")
    assert (mono["channels"], mono["channel"]) == (1, "left")


async def test_an_unknown_channel_is_refused_naming_the_field(api: Api) -> None:
    answer = await api.upload_di(ALICE, "two.wav", stereo_wav(), channel="up")
    error = await assert_upload_refused(api, ALICE, answer, "channel", "invalid_channel")
    assert "left, right, mix" in error["reason"]


async def test_the_channel_can_be_changed_and_only_to_a_known_one(api: Api) -> None:
    track = (await api.upload_di(ALICE, "two.wav", stereo_wav())).json()
    path = f"/api/v1/di-tracks/{track['id']}"
    changed = await api.request(ALICE, "PATCH", path, json={"channel": "mix"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["channel"] == "mix"
    assert (await api.request(ALICE, "GET", path)).json()["channel"] == "mix"
    refused = await api.request(ALICE, "PATCH", path, json={"channel": "up"})
    assert 400 <= refused.status_code < 500
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"][0]["field"] == "channel"
    assert (await api.request(ALICE, "GET", path)).json()["channel"] == "mix"


async def test_the_render_command_carries_each_di_s_channel(api: Api, nats_url: str) -> None:
    stereo = (await api.upload_di(ALICE, "two.wav", stereo_wav(), channel="right")).json()
    made = await ready_shootout(api, ALICE)
    mono = made["di"]
    await api.request(ALICE, "PATCH", f"/api/v1/di-tracks/{mono['id']}", json={"channel": "mix"})
    body = {"name": "both", "di_ids": [stereo["id"], mono["id"]]}
    body["chain_ids"] = [c["id"] for c in made["chains"]]
    shootout = (await api.request(ALICE, "POST", "/api/v1/shootouts", json=body)).json()
    answer = await api.request(ALICE, "POST", f"/api/v1/shootouts/{shootout['id']}/render")
    assert answer.status_code == 202, answer.text
    (command,) = await commands(nats_url, 1)
    assert [(d.blob_sha256, d.channels, d.channel) for d in command.di_tracks] == [
        (stereo["sha256"], 2, "right"),
        (mono["sha256"], 1, "mix"),
    ]


async def test_the_real_stereo_di_uploads_with_its_choice(api: Api, shared_fixtures: Path) -> None:
    data = (shared_fixtures / "audio" / "di_gojira_left.wav").read_bytes()
    answer = await api.upload_di(ALICE, "gojira.wav", data, channel="mix")
    assert answer.status_code == 201, answer.text
    assert (answer.json()["channels"], answer.json()["channel"]) == (2, "mix")
