"""MP3 DI uploads: accepted like the lossless formats, served back as audio/mpeg."""

from __future__ import annotations

import io
from pathlib import Path

import soundfile as sf

from .conftest import ALICE, Api
from .upload_checks import assert_upload_refused


def _fixture_as_mp3(shared_fixtures: Path) -> tuple[bytes, float]:
    """The real DI fixture encoded as MP3, and the source's duration (seconds)."""
    audio, rate = sf.read(
        str(shared_fixtures / "audio" / "di_gojira_left.wav"), dtype="float32", always_2d=True
    )
    out = io.BytesIO()
    sf.write(out, audio, rate, format="MP3")
    return out.getvalue(), len(audio) / rate


async def test_mp3_upload_is_probed_and_served_as_audio_mpeg(
    api: Api, shared_fixtures: Path
) -> None:
    data, seconds = _fixture_as_mp3(shared_fixtures)
    answer = await api.upload_di(ALICE, "gojira.mp3", data)
    assert answer.status_code == 201, answer.text
    track = answer.json()
    assert (track["format"], track["name"], track["sample_rate"]) == ("mp3", "gojira", 48_000)
    assert track["channels"] == 2
    assert abs(track["duration_seconds"] - seconds) < 0.05
    assert len(track["peaks"]) == 200
    assert 0.05 < max(track["peaks"]) <= 1
    audio = await api.request(ALICE, "GET", f"/api/v1/di-tracks/{track['id']}/audio")
    assert audio.status_code == 200
    assert audio.headers["content-type"].startswith("audio/mpeg")
    assert audio.content == data


async def test_file_named_mp3_that_is_not_audio_is_refused_naming_the_file(api: Api) -> None:
    page = b"<!doctype html><title>Download riff.mp3</title><p>Your download will start soon"
    answer = await api.upload_di(ALICE, "riff.mp3", page * 40)
    error = await assert_upload_refused(api, ALICE, answer, "file", "not_audio")
    assert "MP3" in error["reason"]
